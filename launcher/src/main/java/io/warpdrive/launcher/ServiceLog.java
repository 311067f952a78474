package io.warpdrive.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a service writes: a log file (default {@code home/log/warpdrive.log}, appended to) or,
 * with {@code --log=-}, standard output (for a container or the journal). Everything the platform
 * prints (framework messages, the Log service's warnings, the web server's) goes there: the
 * JVM's standard streams are redirected to it before the framework starts. The service's own
 * lifecycle lines carry a UTC time stamp.
 */
final class ServiceLog implements AutoCloseable {

    /** {@code --log=-}: standard output. */
    static final String STDOUT = "-";

    private final PrintStream stream;

    /** What System.out and System.err were before the service took them. */

    private PrintStream previousOut;

    private PrintStream previousErr;
    private final Path file;

    private ServiceLog(PrintStream stream, Path file) {
        this.stream = stream;
        this.file = file;
    }

    /**
     * Opens the log named by {@code --log} ({@code null}: the home's log file) and makes it the
     * JVM's standard output and error.
     */
    static ServiceLog open(String target, HomeLayout layout, PrintStream stdout) throws LauncherException {
        ServiceLog log;
        if (STDOUT.equals(target)) {
            log = new ServiceLog(stdout, null);
        } else {
            Path file = target == null ? layout.logFile() : Path.of(target).toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                log = new ServiceLog(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8), file);
            } catch (IOException e) {
                throw new LauncherException(ExitCodes.FAILURE, "cannot open the log file " + file + ": " + e.getMessage(), e);
            }
        }
        log.previousOut = System.out;
        log.previousErr = System.err;
        System.setOut(log.stream);
        System.setErr(log.stream);
        return log;
    }

    /** The log file, or null when the log is standard output. */
    Path file() {
        return file;
    }

    PrintStream stream() {
        return stream;
    }

    /** One time-stamped line of the service's own. */
    void line(String message) {
        stream.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " warpdrive: " + message);
        stream.flush();
    }

    /**
     * Flushes the log, gives System.out and System.err back (whoever writes after the service,
     * such as the launcher's final check of its own output, must not meet a closed stream) and
     * closes the log file.
     */
    @Override
    public void close() {
        stream.flush();
        System.setOut(previousOut);
        System.setErr(previousErr);
        if (file != null) {
            stream.close();
        }
    }
}
