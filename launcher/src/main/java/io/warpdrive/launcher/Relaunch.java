package io.warpdrive.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A one-shot command that sends no request (drivers, devices, models...), and {@code compress} and
 * {@code decompress}, run in a JVM of its own started with {@value #C1_ONLY}: the first kind is all
 * start-up (the framework, SCR, the bundles' classes), and the optimising compiler's work on it is
 * never paid back; its CPU time falls by about a third (docs/performance.md, "start-up"). A file's
 * compression is the drivers' native code (igzip, zlib, zstd, LZ4, the device) and Java that only
 * moves buffers, so C2's compiling (about 0.6 s of CPU) was never paid back: with C1 only,
 * {@code compress -p 2} of 183 MB took a quarter less CPU. {@code bench} keeps C2: it
 * measures the platform's Java in its steady state. {@code java -jar} cannot take JVM options from the
 * manifest, so the launcher starts itself again with the option, once. It does not when the user
 * gave compiler options of their own, when {@value #ENV_RELAUNCH}=0, or when the JVM's command line
 * cannot be read; then, and if the second JVM cannot be started, the command runs in this JVM.
 *
 * <p>Application class-data sharing was measured too and left out: on Java 17 the dynamic archive
 * needs a first run with {@code -XX:ArchiveClassesAtExit}, saves little over this (the bundles'
 * classes come from Felix's class loaders, which Java 17 does not archive), and a damaged archive
 * crashes the JVM at start instead of being ignored.
 */
final class Relaunch {
    /** The option the second JVM gets: the C1 compiler only. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** The commands that compress or decompress a file: their work is native code, C1 serves them. */
    static final Set<String> FILE_COMMANDS = Set.of("compress", "decompress");
    /** Set to 0 to run every command in the first JVM; the launcher sets it to 0 in the second. */
    static final String ENV_RELAUNCH = "WARPDRIVE_RELAUNCH";

    private Relaunch() {
    }

    /**
     * The second JVM's command line, or empty when this run stays in this JVM.
     *
     * @param jvmCommandLine this JVM's command line: the java executable, its options, -jar or the
     *        main class, then {@code args}
     */
    static Optional<List<String>> commandLine(String command, Map<String, String> env, List<String> jvmCommandLine) {
        if (command == null || !(Launcher.sendsNoTraffic(command) || FILE_COMMANDS.contains(command))
                || "0".equals(env.get(ENV_RELAUNCH))
                || jvmCommandLine.size() < 2) {
            return Optional.empty();
        }
        for (String a : jvmCommandLine) {
            if (a.startsWith("-XX:TieredStopAtLevel") || a.equals("-XX:-TieredCompilation") || a.equals("-Xint")
                    || a.startsWith("-Xcomp")) {
                return Optional.empty(); // the user chose the compilers
            }
        }
        List<String> cmd = new ArrayList<>(jvmCommandLine.size() + 1);
        cmd.add(jvmCommandLine.get(0));
        cmd.add(C1_ONLY);
        cmd.addAll(jvmCommandLine.subList(1, jvmCommandLine.size()));
        return Optional.of(cmd);
    }

    /** This JVM's command line as the operating system has it, or an empty list. */
    static List<String> thisJvm() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> java = info.command();
        Optional<String[]> args = info.arguments();
        if (java.isEmpty() || args.isEmpty()) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.addAll(List.of(args.get()));
        return cmd;
    }

    /**
     * Runs {@code cmd} with this process's standard streams and returns its exit code; null if it
     * could not be started (the caller runs the command itself). SIGTERM or Ctrl-C on this JVM stops
     * the second one too, and this one exits only after it.
     */
    static Integer run(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(ENV_RELAUNCH, "0");
        Process child;
        try {
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Thread hook = new Thread(() -> {
            child.destroy(); // SIGTERM: the launcher's own hook stops its platform
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "warpdrive-relaunch");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return ExitCodes.FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook waits for the child
            }
        }
    }
}
