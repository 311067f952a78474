package io.warpdrive.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.osgi.framework.Constants;

/**
 * The two ways the platform runs.
 *
 * <ul>
 * <li><b>Interactive</b> (no command): storage home/data/cache, cleaned at each start;
 * Configuration Admin persists in home/data/config; all embedded bundles start, then the CLI's
 * {@code summary}, then the console (Gogo's JLine shell, the optional set "console"). The shell's
 * exit, EOF (Ctrl-D) or SIGTERM stop the framework cleanly and the launcher exits 0; Ctrl-C
 * stops the running command.</li>
 * <li><b>One-shot</b> ({@code warpdrive.jar <command> args...}): the home's one-shot storage,
 * reused from run to run while the jar stays the same (a temporary one while another run holds
 * it, see {@link OneShotStorage}), and a temporary copy of the persisted configuration
 * (concurrent runs never corrupt the store but see its settings), Gogo without console, then
 * the command through the CLI service; the exit code is the command's.</li>
 * </ul>
 *
 * <p>The third, the service (no console, until SIGTERM), is {@link ServiceMode}.
 */
final class Launcher {

    /** The launcher's own command. */
    static final String BUNDLES = "bundles";
    /** What interactive mode asks the CLI to print before the shell opens. */
    static final String SUMMARY = "summary";

    static final String PROP_CLI_TIMEOUT = "warpdrive.cli.timeout";
    static final Duration DEFAULT_CLI_TIMEOUT = Duration.ofSeconds(30);
    /** How long interactive mode and --help look for the CLI before going on without it. */
    static final Duration SHORT_CLI_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    static final String GOSH_ARGS = "gosh.args";
    /** JLine's system property: a dumb terminal is expected (no warning when it makes one). */
    static final String JLINE_DUMB = "org.jline.terminal.dumb";
    static final String CM_DIR = "felix.cm.dir";
    static final String HOME_VARIABLE = "warpdrive.home";
    /** Framework property the hardware driver reads: how many emulated devices to run on (--emulate). */
    static final String EMULATE_PROPERTY = "warpdrive.uacce.emulate";
    /**
     * Set to "true" for a one-shot platform: its Configuration Admin store is a throw-away copy,
     * so commands that change settings save them in the home's conf/ themselves (the shell does).
     */
    static final String ONE_SHOT_PROPERTY = "warpdrive.oneshot";
    /**
     * FileInstall's write-back of configuration changes into conf/*.cfg: off in framework.properties
     * (the shell bundle writes back by rename), and forced off in one-shot mode whatever -D says:
     * it rewrote the user's file in place as the JVM exited and left it truncated or empty.
     */
    static final String CONFIG_SAVE = "felix.fileinstall.enableConfigSave";
    /**
     * The engine's framework property that turns calibration (and its known-answer self-test) off
     * for the platform. Set to "false" for a one-shot command that sends no request: no device gets
     * traffic, so there is nothing for the self-test to guard, and calibrating was most of the
     * command's CPU. Commands that compress (compress, decompress, bench) and any command not listed
     * here get {@link #CALIBRATE_REUSE}. A -D on the command line wins.
     */
    static final String CALIBRATE_PROPERTY = "warpdrive.calibrate";
    /**
     * Its value for a one-shot command that compresses: a device whose model kept in the one-shot
     * storage records a self-test it passed within a day is not calibrated again (the engine's
     * Calibrations.REUSE_KEPT); the others calibrate and self-test as configured.
     */
    static final String CALIBRATE_REUSE = "reuse";
    /**
     * The engine's framework property that keeps its MBeans out of the platform MBean server: set to
     * "false" for every one-shot command (it ends before a JMX client could attach, and the platform
     * MBean server is a large share of a short command's start). A -D on the command line wins.
     */
    static final String JMX_PROPERTY = "warpdrive.jmx";
    static final java.util.Set<String> COMMANDS_WITHOUT_TRAFFIC = java.util.Set.of(BUNDLES, SUMMARY, "help", "drivers",
            "devices", "queues", "sched", "stats", "models");

    private final Options options;
    private final HomeLayout layout;
    private final PrintStream out;
    private final PrintStream err;

    Launcher(Options options, HomeLayout layout, PrintStream out, PrintStream err) {
        this.options = options;
        this.layout = layout;
        this.out = out;
        this.err = err;
    }

    // ---------------------------------------------------------------- interactive

    int interactive() throws LauncherException {
        createHome();
        try (HomeLock lock = HomeLock.acquire(layout)) {
            Map<String, String> props = frameworkProperties(layout.cache());
            // The console is the point of this mode: Gogo's JLine shell (its own arguments, none; its
            // profile, io.warpdrive.console's, prints no banner).
            props.put(GOSH_ARGS, "");
            if (System.console() == null) {
                // Not a terminal (commands piped in): JLine's line-by-line terminal, without its warning.
                System.setProperty(JLINE_DUMB, "true");
            }
            verbose("framework storage " + layout.cache() + ", configuration " + props.get(CM_DIR));
            WebConsoleSetup web = WebConsoleSetup.resolve(options, layout.conf(), true);
            if (web != null) {
                web.checkPortFree();
            }

            List<String> sets = new java.util.ArrayList<>(bundleSets(web));
            sets.add(EmbeddedBundles.CONSOLE_SET);
            Platform platform = Platform.boot(web(props, web), sets, err, options.verbose(),
                    b -> EmbeddedBundles.CONSOLE_BSN.equals(b.getSymbolicName())
                            || EmbeddedBundles.PLAIN_SHELL_BSN.equals(b.getSymbolicName()));
            Thread hook = addShutdownHook(platform, null);
            // SIGTERM stops the platform (the main thread waits for the stop below). SIGINT (Ctrl-C)
            // belongs to the console: it stops the running command, not the platform.
            Signals.on(signal -> platform.requestStop(), "TERM");

            try (CliClient client = new CliClient(platform.context())) {
                ToIntFunction<Object> cli = client.await(SHORT_CLI_TIMEOUT);
                if (cli != null) {
                    runQuietly(cli, SUMMARY);
                }
            }
            CommandSocket commands = CommandSocket.openIfEnabled(layout, platform, options.emulate(), err);
            ConsoleCommands console = new ConsoleCommands(platform);
            try {
                console.register(platform.context());
                if (web != null) {
                    out.println("Web console: " + web.url());
                }
                out.println("WarpDrive is running, home " + layout.home()
                        + ". Type 'help' for commands (Tab completes); 'exit' or Ctrl-D stops it,"
                        + " Ctrl-C stops a running command.");
                out.flush();
                platform.startDeferred(b -> EmbeddedBundles.CONSOLE_BSN.equals(b.getSymbolicName()));
            } catch (IllegalStateException stoppedMeanwhile) {
                // SIGTERM before the console opened: nothing left to start
            }
            try {
                platform.awaitStop();
            } finally {
                if (commands != null) {
                    commands.close();
                }
            }
            removeShutdownHook(hook);
            return console.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
    }

    private void runQuietly(ToIntFunction<Object> cli, String... commandLine) {
        try {
            CliClient.run(cli, commandLine);
        } catch (RuntimeException e) {
            err.println("warning: '" + String.join(" ", commandLine) + "' failed: " + e);
            if (options.verbose()) {
                e.printStackTrace(err);
            }
        } finally {
            out.flush();
        }
    }

    // ---------------------------------------------------------------- one-shot

    int oneShot() throws LauncherException {
        if (BUNDLES.equals(options.command()) && !options.commandArgs().isEmpty()) {
            throw new LauncherException(ExitCodes.USAGE, "the command 'bundles' takes no arguments");
        }
        createHome();
        WebConsoleSetup web = WebConsoleSetup.resolve(options, layout.conf(), false);
        if (web != null) {
            web.checkPortFree();
            err.println("Web console: " + web.url() + " (while '" + options.command() + "' runs)");
        }
        return withTemporaryPlatform(web, options.command(), platform -> {
            if (BUNDLES.equals(options.command())) {
                BundleLister.print(platform.context(), out);
                return ExitCodes.OK;
            }
            return withCli(platform, cliTimeout(), cli -> {
                if (cli == null) {
                    throw new LauncherException(ExitCodes.NO_COMMAND_SERVICE, "no command service (is io.warpdrive.shell installed?)");
                }
                try {
                    return CliClient.run(cli, options.commandLine());
                } catch (RuntimeException e) {
                    throw new LauncherException(ExitCodes.FAILURE, "command '" + options.command() + "' failed: " + Main.describe(e), e);
                } finally {
                    out.flush();
                }
            });
        });
    }

    /** {@code --help}: the launcher's usage, then the CLI's {@code help} if the shell bundle is there. */
    int help() {
        out.print(Usage.help());
        out.flush();
        try {
            createHome();
            withTemporaryPlatform(null, options.command(), platform -> withCli(platform, SHORT_CLI_TIMEOUT, cli -> {
                if (cli != null) {
                    out.println();
                    out.println("Commands of the shell bundle:");
                    out.flush();
                    if (options.command() == null) {
                        runQuietly(cli, "help");
                    } else {
                        runQuietly(cli, "help", options.command());
                    }
                }
                return ExitCodes.OK;
            }));
        } catch (LauncherException e) {
            verbose("no command list: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    interface PlatformAction {
        int run(Platform platform) throws LauncherException;
    }

    /**
     * Boots a throw-away platform (temporary storage and configuration copy), with the web console
     * when {@code web} is not null and without what {@code command} does not need
     * ({@link OnDemandBundles}, JMX), runs, stops, cleans up.
     */
    private int withTemporaryPlatform(WebConsoleSetup web, String command, PlatformAction action) throws LauncherException {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("warpdrive-");
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, "cannot create a temporary directory: " + e.getMessage(), e);
        }
        Runnable cleanup = () -> deleteTree(tmp);
        Thread hook = null;
        Platform platform = null;
        OneShotStorage storage = OneShotStorage.open(layout.oneShotStorage(), bundleSets(web), tmp.resolve("cache"));
        try {
            Map<String, String> props = frameworkProperties(storage.path());
            if (storage.reused()) {
                props.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
            }
            Path persisted = Path.of(props.get(CM_DIR));
            Path copy = tmp.resolve("config");
            copyTree(persisted, copy);
            props.put(CM_DIR, copy.toString());
            props.put(CONFIG_SAVE, "false");
            props.put(ONE_SHOT_PROPERTY, "true");
            if (System.getProperty(CALIBRATE_PROPERTY) == null) {
                props.put(CALIBRATE_PROPERTY, sendsNoTraffic(command) ? "false" : CALIBRATE_REUSE);
            }
            if (System.getProperty(JMX_PROPERTY) == null) {
                props.put(JMX_PROPERTY, "false");
            }
            verbose("framework storage " + storage.path() + (storage.reused() ? " (reused)"
                    : storage.kept() ? " (filled for later runs)" : " (temporary)") + ", configuration copied from "
                    + persisted);

            java.util.Set<String> heldBack = OnDemandBundles.heldBack(command, props);
            if (!heldBack.isEmpty()) {
                verbose("not started, this command does not need them: " + String.join(", ", new java.util.TreeSet<>(heldBack)));
            }
            platform = Platform.boot(web(props, web), bundleSets(web), err, options.verbose(),
                    b -> heldBack.contains(b.getSymbolicName()));
            hook = addShutdownHook(platform, cleanup);
            try {
                storage.filled();
            } catch (IOException e) {
                verbose("the one-shot storage will not be reused: " + e.getMessage());
            }
            return action.run(platform);
        } finally {
            if (platform != null) {
                platform.stop(STOP_TIMEOUT);
            }
            storage.close();
            cleanup.run();
            removeShutdownHook(hook);
        }
    }

    /** Whether a one-shot run of {@code command} (null: --help alone) sends no request to any device. */
    static boolean sendsNoTraffic(String command) {
        return command == null || COMMANDS_WITHOUT_TRAFFIC.contains(command);
    }

    /** The framework properties with the HTTP service's settings when the web console runs. */
    static Map<String, String> web(Map<String, String> props, WebConsoleSetup web) {
        if (web != null) {
            web.apply(props);
        }
        return props;
    }

    /** The optional embedded bundle sets this run installs. */
    static List<String> bundleSets(WebConsoleSetup web) {
        return web == null ? List.of() : List.of(WebConsoleSetup.BUNDLE_SET);
    }

    interface CliAction {
        int run(ToIntFunction<Object> cli) throws LauncherException;
    }

    /**
     * Waits for the CLI service and runs {@code action} while holding it: releasing the service
     * would let Declarative Services deactivate the component behind it, so it is released only
     * when the action is done. The action gets null if no service appeared in time.
     */
    private static int withCli(Platform platform, Duration timeout, CliAction action) throws LauncherException {
        try (CliClient client = new CliClient(platform.context())) {
            return action.run(client.await(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException(ExitCodes.FAILURE, "interrupted while waiting for the command service");
        } catch (IllegalStateException e) {
            throw new LauncherException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    static Duration cliTimeout() throws LauncherException {
        String s = System.getProperty(PROP_CLI_TIMEOUT);
        if (s == null || s.isBlank()) {
            return DEFAULT_CLI_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(s.trim());
            if (seconds < 0 || Double.isNaN(seconds)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw new LauncherException(ExitCodes.USAGE, PROP_CLI_TIMEOUT + " must be a number of seconds, not '" + s + "'");
        }
    }

    // ---------------------------------------------------------------- shared

    void createHome() throws LauncherException {
        try {
            layout.create();
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        verbose("home " + layout.home());
    }

    /**
     * The framework properties of this home: cnf/run/framework.properties as embedded, expanded,
     * with -D overrides, plus the storage of this run.
     */
    Map<String, String> frameworkProperties(Path storage) throws LauncherException {
        Map<String, String> props;
        try {
            Map<String, String> raw = FrameworkProperties.loadEmbedded();
            props = FrameworkProperties.expand(raw, Map.of(HOME_VARIABLE, layout.home().toString()), System::getProperty);
        } catch (IOException | IllegalArgumentException e) {
            throw new LauncherException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        props = new LinkedHashMap<>(FrameworkProperties.withOverrides(props, System::getProperty));
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        // Embedded bundles are installed fresh at every start; nothing stale survives in the cache.
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.putIfAbsent(CM_DIR, layout.config().toString());
        if (options.emulate() != null) {
            props.put(EMULATE_PROPERTY, Integer.toString(options.emulate()));
        }
        return props;
    }

    private Thread addShutdownHook(Platform platform, Runnable cleanup) {
        Thread hook = new Thread(() -> {
            if (platform.isRunning()) {
                platform.stop(STOP_TIMEOUT);
            }
            if (cleanup != null) {
                cleanup.run();
            }
        }, "warpdrive-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeShutdownHook(Thread hook) {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void verbose(String message) {
        if (options.verbose()) {
            err.println("warpdrive: " + message);
        }
    }

    static void copyTree(Path from, Path to) throws LauncherException {
        try {
            Files.createDirectories(to);
            if (!Files.isDirectory(from)) {
                return;
            }
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, "cannot copy the configuration " + from + ": " + e.getMessage(), e);
        }
    }

    static synchronized void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }
}
