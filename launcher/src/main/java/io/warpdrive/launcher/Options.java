package io.warpdrive.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's command line: {@code [options] [command [args...]]}.
 *
 * <p>Options are read up to the first argument that is not an option (the command) or up to
 * {@code --}; everything after the command belongs to the command, options included, so
 * {@code warpdrive.jar compress -v x} passes {@code -v} to {@code compress}.
 */
public final class Options {

    /** A command line the launcher cannot accept; exit code 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** {@link #webPort()} when {@code --web} names no port. */
    public static final int WEB_DEFAULT_PORT = 0;

    /** The most devices the emulator makes (libwdemu's limit). */
    public static final int MAX_EMULATED_DEVICES = 64;

    private final Path home;
    private final Integer webPort;
    private final Integer emulate;
    private final boolean verbose;
    private final boolean help;
    private final boolean version;
    private final String command;
    private final List<String> commandArgs;
    private final ServiceOptions service;
    private final boolean noService;

    /**
     * The options of the service mode: {@code --service}, {@code --log}, {@code --drain} (the last
     * two also apply when the service mode starts because standard input is /dev/null).
     */
    record ServiceOptions(boolean asked, String log, Duration drain) {
    }

    private Options(Path home, Integer webPort, Integer emulate, boolean verbose, boolean help, boolean version,
            String command, List<String> commandArgs, ServiceOptions service, boolean noService) {
        this.home = home;
        this.webPort = webPort;
        this.emulate = emulate;
        this.verbose = verbose;
        this.help = help;
        this.version = version;
        this.command = command;
        this.commandArgs = commandArgs;
        this.service = service;
        this.noService = noService;
    }

    public static Options parse(String... args) throws UsageException {
        Path home = null;
        Integer webPort = null;
        Integer emulate = null;
        boolean verbose = false;
        boolean help = false;
        boolean version = false;
        boolean service = false;
        boolean noService = false;
        String log = null;
        Duration drain = null;
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            switch (a) {
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                case "--web" -> webPort = WEB_DEFAULT_PORT;
                case "--service" -> service = true;
                case "--no-service" -> noService = true;
                case "--home" -> {
                    if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                        throw new UsageException("option --home needs a directory");
                    }
                    home = Path.of(args[++i]);
                }
                case "--emulate" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option --emulate needs a number of devices");
                    }
                    emulate = deviceCount(args[++i]);
                }
                default -> {
                    if (a.startsWith("--emulate=")) {
                        emulate = deviceCount(a.substring("--emulate=".length()));
                    } else if (a.startsWith("--home=")) {
                        String dir = a.substring("--home=".length());
                        if (dir.isEmpty()) {
                            throw new UsageException("option --home needs a directory");
                        }
                        home = Path.of(dir);
                    } else if (a.startsWith("--log=")) {
                        log = a.substring("--log=".length());
                        if (log.isEmpty()) {
                            throw new UsageException("option --log needs a file, or - for standard output");
                        }
                    } else if (a.startsWith("--drain=")) {
                        drain = seconds("--drain", a.substring("--drain=".length()));
                    } else if (a.startsWith("--web=")) {
                        webPort = port(a.substring("--web=".length()));
                    } else {
                        throw new UsageException("unknown option: " + a);
                    }
                }
            }
            i++;
        }
        String command = i < args.length ? args[i] : null;
        List<String> rest = command == null ? List.of() : List.copyOf(Arrays.asList(args).subList(i + 1, args.length));
        if (command != null && (service || log != null || drain != null)) {
            throw new UsageException("--service, --log and --drain run the platform as a service: give no command");
        }
        return new Options(home, webPort, emulate, verbose, help, version, command, rest,
                new ServiceOptions(service, log, drain), noService);
    }

    private static Duration seconds(String option, String value) throws UsageException {
        try {
            long s = Long.parseLong(value.trim());
            if (s >= 1 && s <= 3600) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("option " + option + " takes seconds from 1 to 3600, not '" + value + "'");
    }

    /** True if {@code --service} asks for the service mode. */
    public boolean service() {
        return service.asked();
    }

    /**
     * True if {@code --no-service} asks to run the command in a platform of its own even when a
     * WarpDrive running in the home would answer it ({@link ServiceClient}).
     */
    public boolean noService() {
        return noService;
    }

    /** {@code --log=FILE|-} of the service mode, or null for the home's log file. */
    public String log() {
        return service.log();
    }

    /** {@code --drain=SECONDS} of the service mode, or null for the default. */
    public Duration drain() {
        return service.drain();
    }

    private static int port(String s) throws UsageException {
        try {
            int port = Integer.parseInt(s);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("option --web takes a TCP port (1-65535), not '" + s + "'");
    }

    private static int deviceCount(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= MAX_EMULATED_DEVICES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("option --emulate takes a number of devices from 0 to " + MAX_EMULATED_DEVICES
                + ", not '" + value + "'");
    }

    /**
     * Emulated HiSilicon ZIP devices the hardware driver should run on ({@code --emulate N};
     * 0 turns emulation off even if configured), or null when not given.
     */
    public Integer emulate() {
        return emulate;
    }

    /** The directory given with {@code --home}, or {@code null}. */
    public Path home() {
        return home;
    }

    /** True if {@code --web} asks for the HTTP service and the web console. */
    public boolean web() {
        return webPort != null;
    }

    /**
     * The port of {@code --web=PORT}; {@link #WEB_DEFAULT_PORT} for a plain {@code --web} (the
     * configuration's port, else 8080); meaningless without {@link #web()}.
     */
    public int webPort() {
        return webPort == null ? WEB_DEFAULT_PORT : webPort;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean help() {
        return help;
    }

    public boolean version() {
        return version;
    }

    /** The command to run once and exit, or {@code null} for the interactive shell. */
    public String command() {
        return command;
    }

    public List<String> commandArgs() {
        return commandArgs;
    }

    /** The command and its arguments, as handed to the CLI service. */
    public String[] commandLine() {
        String[] line = new String[commandArgs.size() + 1];
        line[0] = command;
        for (int k = 0; k < commandArgs.size(); k++) {
            line[k + 1] = commandArgs.get(k);
        }
        return line;
    }
}
