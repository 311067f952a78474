package io.warpdrive.core.engine.request;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.HostCores;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.StreamState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slot of a queue's preallocated pool: the {@link Job} a driver sees. Bound to a
 * request while in flight. The first completion wins; a second one is counted and
 * ignored, which is how "every job completes exactly once" holds even against a faulty
 * driver or a watchdog racing a late completion.
 *
 * <p>States: IDLE, SUBMITTING (bound, {@code send} not yet returned), IN_FLIGHT. The
 * driver may complete a job in either of the last two; the engine force-fails only
 * IN_FLIGHT jobs, so a job being handed over is never failed behind the sender's back.
 * The state shares one word with a generation that every binding increments, so each
 * transition is one compare-and-set against one particular binding: a sender that
 * returns from {@code send} after its job completed and the slot was reused cannot
 * touch the new binding. RETIRED is final: the slot's queue closed while the slot was idle and its
 * bounce buffers were freed; a sender that took the slot just before cannot bind it.
 */
public final class JobSlot implements Job {
    private static final long IDLE = 0;
    private static final long SUBMITTING = 1;
    private static final long IN_FLIGHT = 2;
    private static final long RETIRED = 3;
    private static final long STATE_BITS = 3;
    private static final long GENERATION = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(JobSlot.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final EngineQueue queue;
    private final int tag;
    private final JobEvents events;
    /** Generation (upper bits) and state (lowest two bits). */
    @SuppressWarnings("unused")
    private volatile long state;

    private EngineRequest request;
    private SgList source;
    private SgList destination;
    private boolean bouncedSource;
    private boolean bouncedDestination;
    private Bounce bounce;
    private long outputLimit;
    private long size;
    private long cpuNanos;
    /** The job's CPU time by its thread's CPU clock, when the driver measured it; else -1. */
    private long measuredCpuNanos;
    private volatile long submitNanos;
    // What the device's model was told at sending (see DeviceModel.enqueue), for the completion.
    private int modelCell = -1;
    private boolean modelQueued;
    private long modelPredicted;
    private int modelAhead;
    /** The host's cores charged for this job besides its engine's queued work, and by how much. */
    private HostCores hostCharged;
    private long hostNanos;

    public JobSlot(EngineQueue queue, int tag, JobEvents events) {
        this.queue = queue;
        this.tag = tag;
        this.events = events;
    }

    /**
     * Prepares the slot for {@code r}; bounces the buffers the driver cannot take as they
     * are. Returns the binding's generation, for {@link #accepted(long)}, or -1 when the slot
     * was retired (its queue closed) before it could be bound: the request is untouched.
     *
     * @throws WdException INVALID_ARGUMENT when the input is too large to bounce, BUSY when
     *         there is no memory for the bounce buffers; the slot is then unbound
     */
    public long bind(EngineRequest r, long limit) {
        // Claimed before the bounce buffers are touched: a close retiring this slot and this bind
        // compete for the one idle state, so freed buffers are never used.
        submitNanos = queue.clock().nanoTime(); // before the state: the watchdog reads the state first
        long v = (long) STATE.getVolatile(this);
        if ((v & STATE_BITS) != IDLE) {
            return -1;
        }
        long generation = (v & ~STATE_BITS) + GENERATION;
        if (!STATE.compareAndSet(this, v, generation | SUBMITTING)) {
            return -1; // only a retiring close changes an idle slot this sender holds
        }
        try {
            prepare(r, limit);
        } catch (RuntimeException e) {
            STATE.setVolatile(this, generation | IDLE);
            throw e;
        }
        return generation;
    }

    private void prepare(EngineRequest r, long limit) {
        DriverBinding d = queue.binding();
        SgList src = r.source;
        SgList dst = r.destination;
        bouncedSource = (!d.scatterGather() && !src.isFlat()) || (d.directMemoryOnly() && !src.isDirect());
        bouncedDestination = (!d.scatterGather() && !dst.isFlat()) || (d.directMemoryOnly() && !dst.isDirect());
        if (bouncedSource || bouncedDestination) {
            if (bouncedSource && r.size() > Bounce.MAX_SIZE) {
                throw new WdException(WdStatus.INVALID_ARGUMENT, "driver " + d.name() + " needs its input in one "
                        + (d.directMemoryOnly() ? "direct " : "") + "buffer, and " + r.size() + " bytes are more than one "
                        + "buffer holds (" + Bounce.MAX_SIZE + "); split the input or use a stream");
            }
            if (bounce == null) {
                bounce = new Bounce(d.directMemoryOnly());
            }
            try {
                source = bouncedSource ? bounce.gather(src) : src;
                destination = bouncedDestination ? bounce.outputSpace(dst, limit) : dst;
            } catch (OutOfMemoryError e) {
                clear();
                throw new WdException(WdStatus.BUSY, "no memory for the bounce buffers of a " + r.size()
                        + "-byte request to driver " + d.name() + " (" + e.getMessage() + "); try again later");
            }
        } else {
            source = src;
            destination = dst;
        }
        request = r;
        size = r.size();
        outputLimit = limit;
        cpuNanos = 0;
        measuredCpuNanos = -1;
    }

    /**
     * The slot's queue closed and the driver released it: frees the bounce buffers now, if the
     * slot is idle (one still in flight is retired once it is failed or swept). Final.
     */
    public void retire() {
        long v = (long) STATE.getVolatile(this);
        if ((v & STATE_BITS) == IDLE && STATE.compareAndSet(this, v, (v & ~STATE_BITS) | RETIRED) && bounce != null) {
            bounce.release();
            bounce = null;
        }
    }

    /** The driver accepted the job of binding {@code generation} (it may already have completed it). */
    public void accepted(long generation) {
        STATE.compareAndSet(this, generation | SUBMITTING, generation | IN_FLIGHT);
    }

    /**
     * Tells the device's model of the job about to be sent: a job that queues on the device adds
     * its predicted service time to the work queued there; what else it costs the host's cores
     * is charged to them ({@link #chargeHost}).
     */
    public void modelled(int cell, boolean queues) {
        modelCell = cell;
        modelQueued = queues;
        if (queues) {
            long predicted = cell < 0 ? 0 : queue.model().serviceNanos(cell, size);
            modelPredicted = Math.max(0, predicted);
            modelAhead = queue.model().enqueue(modelPredicted);
        }
        chargeHost(cell, queues);
    }

    /**
     * The host's cores do more for a job than the engines queued on them: a sync caller that runs
     * its own job on a CPU engine (not queued on it) takes a core for the job's predicted time, and
     * the poller that reaps a polled queue (a real device's too) its measured CPU time per job.
     * Charged until the job is over, so that every engine on those cores waits for it.
     */
    private void chargeHost(int cell, boolean queues) {
        DeviceModel m = queue.model();
        HostCores host = m.host();
        long nanos = 0;
        if (!queues && host != null && cell >= 0) {
            nanos = Math.max(0, m.serviceNanos(cell, size));
        }
        if (queue.completionMode() == CompletionMode.POLL) {
            if (host == null) {
                host = queue.engine().models().host();
            }
            nanos += host.pollerNanosPerJob();
        }
        if (nanos > 0) {
            host.charge(nanos);
            hostCharged = host;
            hostNanos = nanos;
        }
    }

    /** The job is over (or was refused): its charge to the host's cores goes back. */
    private void dischargeHost() {
        HostCores host = hostCharged;
        if (host != null) {
            host.charge(-hostNanos);
            hostCharged = null;
            hostNanos = 0;
        }
    }

    /** Takes back {@link #modelled} for a job the driver refused. */
    public void unmodel() {
        if (modelQueued) {
            queue.model().cancel(modelPredicted);
            modelQueued = false;
        }
        dischargeHost();
    }

    /** Undoes {@link #bind} for a job the driver refused; nobody else completes a refused job. */
    public void unbind() {
        EngineRequest r = request;
        if (bouncedSource) {
            r.source.resetPositions();
        }
        clear();
        STATE.setVolatile(this, ((long) STATE.getVolatile(this) & ~STATE_BITS) | IDLE);
    }

    /** Bound to a request and not yet completed. */
    public boolean isInFlight() {
        long s = (long) STATE.getVolatile(this) & STATE_BITS;
        return s == SUBMITTING || s == IN_FLIGHT;
    }

    public long submitNanos() {
        return submitNanos;
    }

    EngineRequest request() {
        return request;
    }

    // ---- Job ------------------------------------------------------------------------

    @Override
    public int tag() {
        return tag;
    }

    @Override
    public Operation operation() {
        return queue.operation();
    }

    @Override
    public Algorithm algorithm() {
        return request.session().engineAlgorithm();
    }

    @Override
    public int level() {
        return request.session().spec().level();
    }

    @Override
    public WindowSize window() {
        return request.session().spec().window();
    }

    @Override
    public FrameOptions frame() {
        return request.session().spec().frame();
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
    public Flush flush() {
        return request.session().isStream() ? request.session().engineFlush(request.flush) : Flush.FINISH;
    }

    @Override
    public StreamState stream() {
        return request.session().streamState();
    }

    @Override
    public long outputLimit() {
        return outputLimit;
    }

    @Override
    public boolean senderWaits() {
        EngineRequest r = request;
        return r != null && r.isSync() && r.caller == Thread.currentThread();
    }

    @Override
    public void addCpuTime(long nanos) {
        if (nanos > 0) {
            cpuNanos += nanos;
        }
    }

    @Override
    public void measuredCpuTime(long nanos) {
        measuredCpuNanos = Math.max(0, nanos);
    }

    /** An explored request is there to teach this engine's model: it teaches only with its CPU time measured. */
    @Override
    public boolean wantsCpuTime() {
        EngineRequest r = request;
        return r != null && r.exploreTarget == queue.model();
    }

    @Override
    public void complete(boolean endOfStream) {
        finish(WdStatus.OK, null, endOfStream);
    }

    @Override
    public void fail(WdStatus status, String detail) {
        finish(status == null || status == WdStatus.OK ? WdStatus.INTERNAL : status, detail, false);
    }

    /**
     * Used by the engine when a queue was closed and the driver left this job behind.
     * Only a job the driver accepted is failed; one still being handed over is the
     * sender's.
     */
    public void forceFail(WdStatus status, String detail) {
        long v = (long) STATE.getVolatile(this);
        if ((v & STATE_BITS) == IN_FLIGHT && STATE.compareAndSet(this, v, (v & ~STATE_BITS) | IDLE)) {
            settle(status, detail, false);
        }
    }

    private void finish(WdStatus status, String detail, boolean endOfStream) {
        long v;
        for (;;) {
            v = (long) STATE.getVolatile(this);
            if ((v & STATE_BITS) == IDLE || (v & STATE_BITS) == RETIRED) {
                queue.counters().duplicateCompletion();
                return;
            }
            if (STATE.compareAndSet(this, v, (v & ~STATE_BITS) | IDLE)) {
                break;
            }
        }
        settle(status, detail, endOfStream, (v & STATE_BITS) == SUBMITTING);
    }

    private void settle(WdStatus status, String detail, boolean endOfStream) {
        settle(status, detail, endOfStream, false);
    }

    /** @param duringSend completed while its sender was still in {@code send} */
    private void settle(WdStatus status, String detail, boolean endOfStream, boolean duringSend) {
        EngineRequest r = request;
        long now = queue.clock().nanoTime();
        long serviceNanos = now - submitNanos;
        long consumed = 0;
        long produced = 0;
        if (status == WdStatus.OK) {
            if (bouncedSource) {
                consumed = bounce.consumed();
                r.source.resetPositions();
                SgLists.advance(r.source, consumed);
            } else {
                consumed = r.source.advancedSinceMark();
            }
            produced = bouncedDestination ? bounce.scatter(r.destination) : r.destination.advancedSinceMark();
        }
        long jobSize = size;
        r.cpuNanos += cpuNanos;
        r.completedNanos = now;
        learn(r, status, jobSize, now, duringSend);
        if (queue.isHardware()) {
            r.session().hardwareDone();
        }
        clear();
        queue.jobFinished(jobSize, serviceNanos, status == WdStatus.OK);
        queue.release(this);
        events.jobFinished(queue, r, status, detail, endOfStream, consumed, produced);
    }

    /** The device's model learns from the job: its service time, and for a sync job where it ran. */
    private void learn(EngineRequest r, WdStatus status, long jobSize, long now, boolean duringSend) {
        DeviceModel m = queue.model();
        boolean ok = status == WdStatus.OK;
        if (r.isSync() && ok) {
            m.syncCompleted(duringSend && r.caller == Thread.currentThread());
        }
        boolean deviceFault = status == WdStatus.DEVICE_ERROR || status == WdStatus.TIMEOUT;
        // The first jobs of an exploring burst find the engine cold: they teach nothing.
        int cell = ok && r.exploreTarget == m && m.warmingUp() ? -1 : modelCell;
        m.completed(cell, jobSize, modelQueued, modelPredicted, modelAhead, submitNanos, now, ok, deviceFault,
                measuredCpuNanos);
        modelQueued = false;
        modelCell = -1;
        dischargeHost();
    }

    private void clear() {
        request = null;
        source = null;
        destination = null;
        if (bounce != null) {
            bounce.trim();
        }
        bouncedSource = false;
        bouncedDestination = false;
    }
}
