package io.warpdrive.launcher;

/**
 * A failure the launcher reports as one line on stderr ({@code error: <message>}) and turns
 * into its exit code; the stack trace only with {@code --verbose}.
 */
final class LauncherException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    LauncherException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    LauncherException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
