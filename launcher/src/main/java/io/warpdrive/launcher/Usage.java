package io.warpdrive.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Texts of {@code --help} and {@code --version}. */
final class Usage {

    private Usage() {
    }

    static String help() {
        return """
                Usage: java -jar warpdrive.jar [options] [command [arguments...]]

                WarpDrive for OSGi: compression accelerators as OSGi services.

                Without a command, starts the platform, prints a summary and opens the Gogo shell
                ('exit' or Ctrl-D stops the platform; Ctrl-C stops the running command). With a
                command, starts the platform, runs that one command and exits with the command's
                exit code. With --service (or no command and standard input on /dev/null), runs
                the platform without a console until SIGTERM.

                Options:
                  --home DIR     home directory (default: $WARPDRIVE_HOME, else the folder of warpdrive.jar)
                                   DIR/deploy  bundles to install and start (hot: add, replace, remove)
                                   DIR/conf    configuration files <pid>.cfg for Configuration Admin
                                   DIR/data    framework cache and persisted configuration
                  --web[=PORT]   also run the HTTP service and the web console (default port: 8080, or
                                   'port' in DIR/conf/io.warpdrive.webconsole.cfg; that file alone turns
                                   the console on for the interactive platform)
                  --emulate N    run the hardware driver (hisi_zip) on N emulated HiSilicon ZIP devices
                                   (libwdemu, in a temporary directory removed at exit) instead of
                                   /sys/class/uacce; 0 turns emulation off;
                                   conf/io.warpdrive.driver.uacce.cfg: emulator.devices=N
                  --service      run as a service: no console, log to DIR/log/warpdrive.log, stop on
                                   SIGTERM or SIGINT after draining the requests in flight
                  --log=FILE     the service's log file; --log=- logs to standard output
                  --drain=SECS   how long a stopping service may take to drain (default 30)
                  --no-service   run the command in a platform of its own even when a WarpDrive
                                   running in the home (service or interactive) would answer it over
                                   DIR/run/cli.sock (also: WARPDRIVE_SERVICE=0)
                  -v, --verbose  progress messages on stderr, and stack traces with errors
                  -h, --help     this help, then the command list of the shell bundle if it is installed
                  --version      print the versions and exit

                Launcher command:
                  bundles        list the installed bundles and their states

                All other commands (compress, decompress, bench, devices, stats, ...) come from the
                shell bundle io.warpdrive.shell: 'java -jar warpdrive.jar help' lists them.

                Exit status: the command's own; 1 the platform failed; 2 wrong usage;
                3 no command service (the shell bundle is missing or did not start);
                a service: 0 stopped cleanly on a signal, 4 not stopped within the drain bound,
                1 could not start or the framework stopped without a signal.
                -Dwarpdrive.cli.timeout=SECONDS: how long a command waits for the shell bundle (30).
                -Dwarpdrive.cli.socket=false: a service or interactive platform answers no one-shot commands.
                """;
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Usage.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // the defaults below
        }
        return "warpdrive " + p.getProperty("warpdrive.version", "(unknown)") + System.lineSeparator()
                + "Apache Felix framework " + p.getProperty("felix.version", "(unknown)") + System.lineSeparator()
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
                + System.lineSeparator();
    }
}
