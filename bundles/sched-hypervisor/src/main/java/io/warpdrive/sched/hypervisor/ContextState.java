package io.warpdrive.sched.hypervisor;

/** What the hypervisor keeps of one context between ticks (its thread only). */
final class ContextState {
    private static final int OPS = Assignment.OPS;
    /** Averaging time of the progress rate. */
    private static final double PROGRESS_TAU_NANOS = 1e9;

    ContextSpec spec;
    /** Queues per direction the context should have (decided). */
    final int[] target = new int[OPS];
    /** Queues per direction the mover gives it: the target once its time to apply has come. */
    final int[] applied = new int[OPS];
    /** When the target last left the applied sizes, and the work done then. */
    private long decidedAt = Long.MIN_VALUE;
    private long doneAtDecision;
    /** Requests submitted and not completed yet, per direction (in flight or waiting for a queue). */
    final long[] pending = new long[OPS];
    /** Input bytes completed since the context was registered, and submitted, per direction. */
    final long[] doneBytes = new long[OPS];
    final long[] submittedBytes = new long[OPS];
    /** Completed input bytes per second, averaged over about a second. */
    double progress;
    long lastResizeAt = Long.MIN_VALUE;
    String lastResize = "none";
    /** An application-driven resize waiting for the minimum time between resizes to pass. */
    SizeChange deferred;
    String deferredReason;
    private final long[] lastCompleted = new long[OPS];
    private final long[] lastSubmitted = new long[OPS];
    private boolean baselined;

    ContextState(ContextSpec spec) {
        this.spec = spec;
    }

    String name() {
        return spec.name();
    }

    /** Work declared and not completed yet; 0 when none was declared or all is done. */
    long remaining() {
        return Math.max(0, spec.workBytes() - done());
    }

    long done() {
        long n = 0;
        for (long d : doneBytes) {
            n += d;
        }
        return n;
    }

    /**
     * The target takes effect once its time to apply has come: {@code apply.after.ms} after it
     * was decided, or once {@code apply.after.bytes} more were completed, whichever comes first
     * (a later decision before then takes effect with it).
     */
    void applyDue(long now) {
        if (java.util.Arrays.equals(target, applied)) {
            decidedAt = Long.MIN_VALUE;
            return;
        }
        if (decidedAt == Long.MIN_VALUE) {
            decidedAt = now;
            doneAtDecision = done();
        }
        long t = spec.applyAfterNanos();
        long b = spec.applyAfterBytes();
        if (spec.appliesAtOnce() || (t > 0 && now - decidedAt >= t) || (b > 0 && done() - doneAtDecision >= b)) {
            applyNow();
        }
    }

    void applyNow() {
        System.arraycopy(target, 0, applied, 0, OPS);
        decidedAt = Long.MIN_VALUE;
    }

    /** A resize decided and not applied yet, for the shell; "" when none. */
    String pendingApply(long now) {
        if (java.util.Arrays.equals(target, applied) || decidedAt == Long.MIN_VALUE) {
            return "";
        }
        long t = spec.applyAfterNanos();
        long b = spec.applyAfterBytes();
        return Texts.sizes(applied) + " → " + Texts.sizes(target) + " in " + String.join(" or ", java.util.stream.Stream
                .of(t > 0 ? Texts.millis(Math.max(0, t - (now - decidedAt))) : null,
                        b > 0 ? Texts.bytes(Math.max(0, b - (done() - doneAtDecision))) + " of work" : null)
                .filter(java.util.Objects::nonNull).toList());
    }

    boolean mayResize(long now) {
        return lastResizeAt == Long.MIN_VALUE || now - lastResizeAt >= spec.resizeIntervalNanos();
    }

    /** The engine's work counters of the context's consumers and tags, summed, for this tick. */
    void sample(long[] submittedRequests, long[] completedRequests, long[] submitted, long[] completed,
            long elapsed) {
        long progressed = 0;
        for (int op = 0; op < OPS; op++) {
            pending[op] = Math.max(0, submittedRequests[op] - completedRequests[op]);
            if (baselined) {
                long d = completed[op] - lastCompleted[op];
                long s = submitted[op] - lastSubmitted[op];
                doneBytes[op] += d >= 0 ? d : completed[op]; // negative: the counters were reset
                submittedBytes[op] += s >= 0 ? s : submitted[op];
                progressed += Math.max(0, d >= 0 ? d : completed[op]);
            }
            lastCompleted[op] = completed[op];
            lastSubmitted[op] = submitted[op];
        }
        if (baselined && elapsed > 0) {
            double alpha = 1 - Math.exp(-elapsed / PROGRESS_TAU_NANOS);
            progress += alpha * (progressed * 1e9 / elapsed - progress);
        }
        baselined = true;
    }

    void resized(long now, String what) {
        lastResizeAt = now;
        lastResize = what;
    }
}
