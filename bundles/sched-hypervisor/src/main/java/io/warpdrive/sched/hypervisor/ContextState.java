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
    /** Work (declared per request, else input bytes) completed and submitted, per direction. */
    final long[] doneWork = new long[OPS];
    final long[] submittedWork = new long[OPS];
    /** Completed input bytes per second, averaged over about a second. */
    double progress;
    long lastResizeAt = Long.MIN_VALUE;
    String lastResize = "none";
    /** An application-driven resize waiting for the minimum time between resizes to pass. */
    SizeChange deferred;
    String deferredReason;
    private final long[] lastCompleted = new long[OPS];
    private final long[] lastSubmitted = new long[OPS];
    private final long[] lastCompletedWork = new long[OPS];
    private final long[] lastSubmittedWork = new long[OPS];
    private boolean baselined;

    ContextState(ContextSpec spec) {
        this.spec = spec;
    }

    String name() {
        return spec.name();
    }

    /** Work declared and not completed yet; 0 when none was declared or all is done. */
    long remaining() {
        return Math.max(0, spec.work() - sum(doneWork));
    }

    /** Work completed: declared per request, else input bytes. */
    long doneWork() {
        return sum(doneWork);
    }

    /** Input bytes completed (what the time to apply counts). */
    long done() {
        return sum(doneBytes);
    }

    /** Input bytes completed per unit of work completed; 1 while nothing is (or no request declared its work). */
    double bytesPerWork() {
        long work = sum(doneWork);
        return work == 0 ? 1 : (double) sum(doneBytes) / work;
    }

    private static long sum(long[] values) {
        long n = 0;
        for (long v : values) {
            n += v;
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

    /**
     * The engine's work counters of the context's consumers and tags, summed, for this tick:
     * requests, input bytes and work, submitted and completed, per direction.
     */
    void sample(long[] submittedRequests, long[] completedRequests, long[] submitted, long[] completed,
            long[] submittedWorkNow, long[] completedWorkNow, long elapsed) {
        long progressed = 0;
        for (int op = 0; op < OPS; op++) {
            pending[op] = Math.max(0, submittedRequests[op] - completedRequests[op]);
            if (baselined) {
                long d = delta(completed[op], lastCompleted[op]);
                doneBytes[op] += d;
                submittedBytes[op] += delta(submitted[op], lastSubmitted[op]);
                doneWork[op] += delta(completedWorkNow[op], lastCompletedWork[op]);
                submittedWork[op] += delta(submittedWorkNow[op], lastSubmittedWork[op]);
                progressed += Math.max(0, d);
            }
            lastCompleted[op] = completed[op];
            lastSubmitted[op] = submitted[op];
            lastCompletedWork[op] = completedWorkNow[op];
            lastSubmittedWork[op] = submittedWorkNow[op];
        }
        if (baselined && elapsed > 0) {
            double alpha = 1 - Math.exp(-elapsed / PROGRESS_TAU_NANOS);
            progress += alpha * (progressed * 1e9 / elapsed - progress);
        }
        baselined = true;
    }

    /** Growth of a counter since the last tick; all of it when it went down (the counters were reset). */
    private static long delta(long now, long last) {
        long d = now - last;
        return d >= 0 ? d : now;
    }

    void resized(long now, String what) {
        lastResizeAt = now;
        lastResize = what;
    }
}
