package io.warpdrive.launcher;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM in interactive mode: stop the platform cleanly and let the
 * launcher exit 0, like 'exit' in the shell. Without this the JVM would run the shutdown hook
 * (which also stops the platform and waits) but exit with 130/143.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code action} on SIGINT and SIGTERM.
     *
     * @return whether the handlers are installed (not when the JVM or the parent shell reserved
     *         or ignores the signals; then the shutdown hook still stops the platform)
     */
    static boolean onTerminate(Runnable action) {
        boolean all = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                all = false;
            }
        }
        return all;
    }
}
