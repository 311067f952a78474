package io.warpdrive.core.engine.request;

import io.warpdrive.comp.Completion;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.session.AbstractSession;
import io.warpdrive.lib.CompletionMode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * A request and its result, owned by the caller and reused (the engine allocates nothing
 * per request when callers reuse requests). Besides what the caller sets, it carries
 * what the engine needs while the request is in flight: the queue it is on, the
 * waiting thread of a sync caller, the callback of an async one.
 */
public final class EngineRequest extends InboxNode implements Request {
    static final int IDLE = 0;
    public static final int IN_FLIGHT = 1;
    static final int DONE = 2;
    private static final VarHandle PHASE;
    private static final VarHandle HANDOFF;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(EngineRequest.class, "phase", int.class);
            HANDOFF = MethodHandles.lookup().findVarHandle(EngineRequest.class, "handoff", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AbstractSession session;
    private final RequestKey key;
    private final SgList ownSource = SgList.allocate(1);
    private final SgList ownDestination = SgList.allocate(1);

    /** {@link #servedBy()} of a request the platform served without an engine. */
    public static final String PLATFORM = "platform";

    SgList source;
    SgList destination;
    Operation operation;
    Flush flush = Flush.NONE;
    private Object attachment;
    /** Hypervisor tag (0: none): policies resizing scheduling contexts act on it at completion. */
    int hypervisorTag;
    /** Work the caller declared, or 0: its input bytes count ({@link Request#declaredWork(long)}). */
    long declaredWork;

    // result
    private WdStatus status = WdStatus.OK;
    private WdException error;
    private long consumed;
    private long produced;
    private boolean endOfStream;
    private String servedBy;
    private boolean servedByHardware;

    private volatile int phase = IDLE;

    // while in flight
    Completion completion;
    private boolean sync;
    /** The thread of a sync caller, who waits for the result; null for async requests. */
    Thread caller;
    private long size;
    int attempts;
    boolean forceCpu;
    long deadlineNanos;
    /** When the caller handed the request over, when a queue last took it, CPU time spent on it: for accounting. */
    long startNanos;
    private long sentNanos;
    long cpuNanos;
    /** When the job last completed (the engine's clock): a sync caller's hand-back is measured from it. */
    long completedNanos;
    /** The request's cell in the performance models, or -1 before its first dispatch. */
    int modelCell = -1;
    /** Whether picks use the models' predictions for it (the engine's pick setting). */
    boolean predicts;
    /** The device this request explores (the platform keeps that model current), or null. */
    io.warpdrive.core.model.DeviceModel exploreTarget;
    /**
     * The last prediction made for this request during its current pick, and whose: queues of one
     * device predict alike and come one after another in a view, so most are one field compare.
     */
    io.warpdrive.core.model.DeviceModel predictedFor;
    long predictedFinish;
    private volatile EngineQueue queue;
    private volatile Thread waiter;
    private volatile boolean parked;

    // capacity line
    volatile Thread lineThread;
    volatile boolean inLine;
    /** Null while waiting; a JobSlot handed over by a releasing thread; GONE once the waiter left. */
    @SuppressWarnings("unused")
    private volatile Object handoff;
    private static final Object GONE = new Object();

    public AbstractSession session() {
        return session;
    }

    public RequestKey key() {
        return key;
    }

    public boolean isSync() {
        return sync;
    }

    public long size() {
        return size;
    }

    public long sentNanos() {
        return sentNanos;
    }

    public EngineQueue queue() {
        return queue;
    }

    public EngineRequest(AbstractSession session) {
        this.session = session;
        this.key = new RequestKey(this);
        this.operation = session.fixedOperation();
    }

    // ---- caller side ------------------------------------------------------------------

    private void checkNotInFlight() {
        if (phase == IN_FLIGHT) {
            throw new WdException(WdStatus.INVALID_STATE, "request is in flight; wait for its completion");
        }
    }

    @Override
    public Request source(SgList value) {
        checkNotInFlight();
        this.source = value;
        return this;
    }

    @Override
    public Request source(ByteBuffer value) {
        checkNotInFlight();
        this.source = value == null ? null : ownSource.set(value);
        return this;
    }

    @Override
    public Request destination(SgList value) {
        checkNotInFlight();
        this.destination = value;
        return this;
    }

    @Override
    public Request destination(ByteBuffer value) {
        checkNotInFlight();
        this.destination = value == null ? null : ownDestination.set(value);
        return this;
    }

    @Override
    public Request operation(Operation value) {
        checkNotInFlight();
        Operation fixed = session.fixedOperation();
        if (fixed != null && value != fixed) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "this stream " + fixed.name().toLowerCase() + "es; it cannot " + value);
        }
        this.operation = value;
        return this;
    }

    @Override
    public Request flush(Flush value) {
        checkNotInFlight();
        this.flush = value == null ? Flush.NONE : value;
        return this;
    }

    @Override
    public Request attach(Object value) {
        this.attachment = value;
        return this;
    }

    @Override
    public Request hypervisorTag(int tag) {
        checkNotInFlight();
        this.hypervisorTag = tag;
        return this;
    }

    @Override
    public int hypervisorTag() {
        return hypervisorTag;
    }

    @Override
    public Request declaredWork(long work) {
        checkNotInFlight();
        if (work < 0) {
            throw new IllegalArgumentException("declared work must not be negative: " + work);
        }
        this.declaredWork = work;
        return this;
    }

    @Override
    public long declaredWork() {
        return declaredWork;
    }

    @Override
    public SgList source() {
        return source;
    }

    @Override
    public SgList destination() {
        return destination;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public Flush flush() {
        return flush;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public boolean isDone() {
        return phase == DONE;
    }

    @Override
    public WdStatus status() {
        return status;
    }

    @Override
    public WdException error() {
        return error;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public long produced() {
        return produced;
    }

    @Override
    public boolean endOfStream() {
        return endOfStream;
    }

    @Override
    public String servedBy() {
        return servedBy;
    }

    @Override
    public boolean servedByHardware() {
        return servedByHardware;
    }

    // ---- engine side ------------------------------------------------------------------

    /** Claims the request for one execution; a request can be in flight once at a time. */
    public void begin(boolean isSync, Completion callback) {
        if (!claim(this)) {
            throw new WdException(WdStatus.INVALID_STATE, "request is already in flight");
        }
        this.sync = isSync;
        this.caller = isSync ? Thread.currentThread() : null;
        this.completion = callback;
        this.status = WdStatus.OK;
        this.error = null;
        this.consumed = 0;
        this.produced = 0;
        this.endOfStream = false;
        this.servedBy = null;
        this.servedByHardware = false;
        this.completedNanos = 0;
        this.attempts = 0;
        this.forceCpu = false;
        this.deadlineNanos = 0;
        this.startNanos = session.engine().clock().nanoTime();
        this.sentNanos = 0;
        this.cpuNanos = 0;
        this.queue = null;
    }

    /** Drops references to the caller's buffers (a spare request going back to its session). */
    public void releaseBuffers() {
        ownSource.clear();
        ownDestination.clear();
        source = null;
        destination = null;
        attachment = null;
        hypervisorTag = 0;
        declaredWork = 0;
        flush = Flush.NONE;
        operation = session.fixedOperation();
    }

    /** Marks the buffers' positions (a re-send starts from them) and takes the input's size. */
    public void markBuffers() {
        source.markPositions();
        destination.markPositions();
        size = source.remaining();
    }

    /** A queue took the request: where it went and when (for accounting and the sync caller's reaping). */
    public void sentOn(EngineQueue q, long nanos) {
        queue = q;
        sentNanos = nanos;
    }

    /** Gives the request back without running it (validation failed after {@link #begin}). */
    void abandon() {
        phase = IDLE;
    }

    void succeeded(long consumedBytes, long producedBytes, boolean eos, EngineQueue servedOn) {
        this.status = WdStatus.OK;
        this.consumed = consumedBytes;
        this.produced = producedBytes;
        this.endOfStream = eos;
        this.servedBy = servedOn.driver();
        this.servedByHardware = servedOn.isHardware();
    }

    /** The platform itself serves the request (what it owes of a moved stream's trailer); no engine sees it. */
    public void markServedByPlatform() {
        this.status = WdStatus.OK;
        this.consumed = 0;
        this.produced = 0;
        this.endOfStream = false;
        this.servedBy = PLATFORM;
        this.servedByHardware = false;
    }

    /** Whether the platform served the request without an engine ({@link #markServedByPlatform}). */
    public boolean servedByPlatform() {
        return servedBy == PLATFORM;
    }

    /**
     * The buffers the request's next job reads and writes: the platform's own while a resuming
     * stream replays its kept input, the caller's again after. Positions are not marked here.
     */
    public void engineBuffers(SgList src, SgList dst) {
        this.source = src;
        this.destination = dst;
    }

    /** A resumed stream's request: what it consumed and produced of the caller's buffers over all its jobs. */
    public void resumed(long consumedBytes, long producedBytes, boolean eos) {
        this.consumed = consumedBytes;
        this.produced = producedBytes;
        this.endOfStream = eos;
    }

    /** The platform wrote {@code bytes} more output after the engine's (a moved stream's trailer). */
    public void appended(long bytes, boolean eos) {
        this.produced += bytes;
        this.endOfStream = eos;
    }

    public void failed(WdException e, EngineQueue lastQueue) {
        this.status = e.status();
        this.error = e;
        this.consumed = 0;
        this.produced = 0;
        if (lastQueue != null) {
            this.servedBy = lastQueue.driver();
            this.servedByHardware = lastQueue.isHardware();
        }
        if (source != null) {
            source.resetPositions();
        }
        if (destination != null) {
            destination.resetPositions();
        }
    }

    /** Publishes the result and wakes the sync caller waiting for it (direct hand-off, no broadcast). */
    public void markDone() {
        caller = null;
        phase = DONE;
        if (parked) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * The sync caller's wait (short versus long request, direct wake-up): spin while the request is expected to finish
     * within {@code spinNanos}, otherwise park until the completing thread unparks this
     * one. While spinning on a polled queue the caller reaps completions itself, as a
     * UADK sync caller does; when completions are driven by callers it keeps reaping
     * between short parks.
     *
     * @return the time spent spinning (CPU the caller burnt waiting, for accounting)
     */
    public long awaitDone(long spinNanos, long parkSliceNanos, boolean callerReaps) {
        if (phase == DONE) {
            return 0;
        }
        long spun = 0;
        if (spinNanos > 0) {
            long begin = System.nanoTime();
            long end = begin + spinNanos;
            int n = 0;
            while (phase != DONE) {
                EngineQueue q = queue;
                if (q != null && q.completionMode() == CompletionMode.POLL) {
                    q.reap(16);
                } else {
                    Thread.onSpinWait();
                }
                if ((++n & 63) == 0 && System.nanoTime() - end > 0) {
                    break;
                }
            }
            spun = System.nanoTime() - begin;
            if (phase == DONE) {
                return spun;
            }
        }
        waiter = Thread.currentThread();
        parked = true;
        EngineQueue sentTo = queue;
        if (sentTo != null && sentTo.completionMode() == CompletionMode.POLL && !callerReaps) {
            sentTo.engine().wakePoller(); // it may have been left asleep while this caller spun
        }
        try {
            while (phase != DONE) {
                EngineQueue q = queue;
                boolean reap = callerReaps && q != null
                        && q.completionMode() == CompletionMode.POLL;
                if (reap) {
                    q.reap(64);
                    if (phase == DONE) {
                        break;
                    }
                    LockSupport.parkNanos(this, parkSliceNanos);
                } else {
                    // Bounded park: completion unparks us; the bound only guards against a lost wake-up.
                    LockSupport.parkNanos(this, 100_000_000L);
                }
            }
        } finally {
            parked = false;
            waiter = null;
        }
        return spun;
    }

    public int phase() {
        return phase;
    }

    // ---- slot hand-off while waiting in the capacity line -------------------------------

    void openHandoff() {
        HANDOFF.setVolatile(this, null);
    }

    /** A releasing thread offers a taken slot; true if this waiter accepted it. */
    boolean offerHandoff(JobSlot slot) {
        return HANDOFF.compareAndSet(this, null, slot);
    }

    /** The slot handed to this waiter, if any; the waiter may then receive another. */
    JobSlot takeHandoff() {
        Object h = HANDOFF.getVolatile(this);
        if (h instanceof JobSlot && HANDOFF.compareAndSet(this, h, null)) {
            return (JobSlot) h;
        }
        return null;
    }

    /** The waiter leaves: no more hand-offs; returns a slot that arrived meanwhile. */
    JobSlot closeHandoff() {
        Object h = HANDOFF.getAndSet(this, GONE);
        return h instanceof JobSlot ? (JobSlot) h : null;
    }

    private static boolean claim(EngineRequest r) {
        return PHASE.compareAndSet(r, DONE, IN_FLIGHT) || PHASE.compareAndSet(r, IDLE, IN_FLIGHT);
    }
}
