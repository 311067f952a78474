package io.warpdrive.launcher;

/** Exit codes of warpdrive.jar (a one-shot command returns its own). */
final class ExitCodes {
    static final int OK = 0;
    /** The platform could not be started or stopped, or the command failed unexpectedly. */
    static final int FAILURE = 1;
    /** The command line is wrong. */
    static final int USAGE = 2;
    /** No CLI service (the shell bundle) appeared. */
    static final int NO_COMMAND_SERVICE = 3;
    /** A service asked to stop had not stopped when its drain bound ran out. */
    static final int STOP_TIMEOUT = 4;

    private ExitCodes() {
    }
}
