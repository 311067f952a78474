package io.warpdrive.launcher;

import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point of warpdrive.jar: {@code java -jar warpdrive.jar [options] [command args...]}.
 * See {@link Usage#help()} for the command line and {@link Launcher} for the two modes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Integer answered = byService(args, System.getenv());
        if (answered != null) {
            System.exit(answered);
        }
        Integer relaunched = relaunch(args, System.getenv());
        if (relaunched != null) {
            System.exit(relaunched);
        }
        int code = run(args, System.out, System.err, System.getenv());
        System.out.flush();
        if (System.out.checkError() && code == ExitCodes.OK) {
            // the launcher's own output (bundles, --help, --version) did not all arrive
            System.err.println("error: stdout: write error");
            code = ExitCodes.FAILURE;
        }
        System.err.flush();
        // Bundles may leave non-daemon threads behind; the framework is stopped by now.
        System.exit(code);
    }

    /** The exit code of the command run by the WarpDrive running in its home ({@link ServiceClient}), or null. */
    private static Integer byService(String[] args, Map<String, String> env) {
        try {
            return ServiceClient.answer(Options.parse(args), env, System.err);
        } catch (Options.UsageException e) {
            return null; // run() says what is wrong
        }
    }

    /** The exit code of the command run in a second JVM ({@link Relaunch}), or null to run it here. */
    private static Integer relaunch(String[] args, Map<String, String> env) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            return null; // run() says what is wrong
        }
        if (options.help() || options.version()) {
            return null;
        }
        return Relaunch.commandLine(options.command(), env, Relaunch.thisJvm()).map(Relaunch::run).orElse(null);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage() + " (see java -jar warpdrive.jar --help)");
            return ExitCodes.USAGE;
        }
        try {
            if (options.version()) {
                out.print(Usage.version());
                return ExitCodes.OK;
            }
            HomeLayout layout = HomeLayout.resolve(options.home(), env, HomeLayout.jarDirectory(Main.class));
            Launcher launcher = new Launcher(options, layout, out, err);
            if (options.help()) {
                return launcher.help();
            }
            if (options.command() != null) {
                return launcher.oneShot();
            }
            if (options.service() || ServiceMode.stdinIsNull()) {
                return new ServiceMode(launcher, options, layout, err).run();
            }
            return launcher.interactive();
        } catch (LauncherException e) {
            err.println("error: " + e.getMessage());
            if (options.verbose() && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitCode();
        } catch (RuntimeException | LinkageError e) {
            err.println("error: " + describe(e));
            if (options.verbose()) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILURE;
        }
    }

    /** One line for an unexpected throwable. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message + " (" + t.getClass().getSimpleName() + ")";
    }
}
