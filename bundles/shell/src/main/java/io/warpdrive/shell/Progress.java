package io.warpdrive.shell;

import java.io.PrintStream;

/**
 * Progress of a long file job on a terminal: one line on stderr, rewritten at most a
 * few times a second. Silent when not on a terminal (scripts and pipes see nothing).
 */
final class Progress {
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private long lastPrint;
    private boolean printed;

    Progress(PrintStream err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.lastPrint = System.nanoTime();
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        printed = true;
        String of = total > 0 ? String.format(" %3d%% (%s of %s)", done * 100 / total, Sizes.human(done),
                Sizes.human(total)) : " " + Sizes.human(done);
        err.print("\r" + label + of);
        err.flush();
    }

    void finish() {
        if (printed) {
            err.print("\r" + " ".repeat(label.length() + 32) + "\r");
            err.flush();
        }
    }
}
