package io.warpdrive.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The standard streams and working directory of one command. A one-shot platform's command has
 * its process's; a shell command the session's; a command a running service answers for a client
 * of its command socket has the client's, handed over in a request map (only java.* types cross
 * from the launcher, which is outside OSGi).
 *
 * @param directory the directory relative file names are resolved against; null for this
 *        process's
 * @param stdoutIsTerminal whether standard output is a terminal (compressed data is not written
 *        there, as gzip refuses to)
 * @param console whether a person watches standard error (progress is shown)
 */
record CommandIo(StandardOutput stdout, PrintStream err, InputStream in, Path directory, boolean stdoutIsTerminal,
        boolean console) {

    /** Request key: the command and its arguments, a {@code String[]}. */
    static final String ARGS = "args";
    /** Request key: the command's standard input, an {@code InputStream}. */
    static final String IN = "in";
    /** Request key: the command's standard output, an {@code OutputStream}. */
    static final String OUT = "out";
    /** Request key: the command's standard error, an {@code OutputStream}. */
    static final String ERR = "err";
    /** Request key: the absolute directory relative file names are resolved against, a {@code String}. */
    static final String DIRECTORY = "directory";
    /** Request key: {@code Boolean.TRUE} when the client's standard output is a terminal. */
    static final String STDOUT_TERMINAL = "stdoutTerminal";
    /** Request key: {@code Boolean.TRUE} when the client's standard error is a terminal. */
    static final String CONSOLE = "console";

    /** A one-shot platform's command: this process's descriptors. */
    static CommandIo process() {
        return new CommandIo(StandardOutput.process(), System.err, System.in, null,
                StandardOutput.processOutputIsTerminal(), System.console() != null);
    }

    /** A shell session's command. */
    static CommandIo session(StandardOutput stdout, PrintStream err) {
        return new CommandIo(stdout, err, System.in, null, false, System.console() != null);
    }

    /** A client's command, from its request map (the keys above). */
    static CommandIo of(Map<?, ?> request) {
        Object directory = request.get(DIRECTORY);
        Path dir = directory == null ? null : Path.of(directory.toString());
        if (dir != null && !dir.isAbsolute()) {
            throw new IllegalArgumentException("the request's directory is not absolute: " + dir);
        }
        return new CommandIo(StandardOutput.stream(required(request, OUT, OutputStream.class)),
                new PrintStream(required(request, ERR, OutputStream.class), true),
                required(request, IN, InputStream.class), dir, Boolean.TRUE.equals(request.get(STDOUT_TERMINAL)),
                Boolean.TRUE.equals(request.get(CONSOLE)));
    }

    /** The command line of a request map. */
    static String[] args(Map<?, ?> request) {
        return required(request, ARGS, String[].class);
    }

    /** A file name of the command line as a path: relative ones against the command's directory. */
    Path path(String name) {
        Path p = Path.of(name);
        return directory == null ? p : directory.resolve(p);
    }

    private static <T> T required(Map<?, ?> request, String key, Class<T> type) {
        Object value = request.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("the request's '" + key + "' is not a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
