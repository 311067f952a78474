package io.warpdrive.shell;

/** A command that cannot do what it was asked, for a reason told in one line: exit status 1. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
