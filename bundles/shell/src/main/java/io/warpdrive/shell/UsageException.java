package io.warpdrive.shell;

/** Wrong command-line usage: reported with the command's usage line, exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
