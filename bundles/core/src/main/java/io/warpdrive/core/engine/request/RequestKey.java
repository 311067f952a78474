package io.warpdrive.core.engine.request;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.SchedSession;

/** The scheduler's view of one request: a flyweight over the request and its session, never copied. */
public final class RequestKey implements SchedKey {
    private final EngineRequest request;
    /** The session's spec, read by every queue's checks in a pick: one load rather than three. */
    private final SessionSpec spec;
    /** The bit of the session's algorithm and window in a queue's capabilities ({@link #capabilityBit}). */
    private final int capability;

    // The request's side of a queue's checks, worked out once per pick by the thread that picks
    // ({@link #beginPick}) rather than once per queue; any other thread (the capacity line
    // handing a slot over) and the picking thread outside a pick read the request afresh.
    private Thread picker;
    private int pickCalcTypes;
    private DriverBinding pickRequired;
    private int pickLevel;
    private boolean pickHardwareHeldBack;
    private boolean pickAdmittedEverywhere;
    private DriverBinding pickChecked;
    private boolean pickAllows;

    /** The kinds of driver a request may go to, as bits. */
    private static final int CPU = 1;
    private static final int HARDWARE = 2;
    private static final int WINDOWS = WindowSize.values().length;

    RequestKey(EngineRequest request) {
        this.request = request;
        this.spec = request.session().spec();
        this.capability = 1 << capabilityBit(spec.algorithm(), spec.window());
    }

    /** A queue's capabilities hold this bit when its device serves the algorithm with the window. */
    public static int capabilityBit(Algorithm a, WindowSize w) {
        return a.ordinal() * WINDOWS + w.ordinal();
    }

    /** This request's bit in a queue's capabilities ({@code 1 << capabilityBit(algorithm, window)}). */
    public int capability() {
        return capability;
    }

    /**
     * Works out the request's side of a queue's checks for the picks of this thread until {@link
     * #endPick}; called again before every pick (the stream's binding, a device error's forced CPU,
     * the held-back hardware and the active policy may have changed). Also forgets the previous
     * pick's predictions: the queued work has moved.
     */
    void beginPick() {
        request.predictedFor = null;
        pickCalcTypes = liveCalcTypes();
        pickRequired = liveRequiredBinding();
        pickLevel = liveLevelToHonour();
        pickHardwareHeldBack = liveHardwareHeldBack();
        pickAdmittedEverywhere = request.session().engine().schedulers().admitsEverything();
        pickChecked = null;
        picker = Thread.currentThread();
    }

    /** The dispatch is over: checks read the request afresh again. */
    void endPick() {
        picker = null;
    }

    private boolean picking() {
        return picker == Thread.currentThread();
    }

    /**
     * The driver instance may serve this request: a kind of driver its fallback allows (a device
     * error under AUTO forces the CPU), a stream's own instance, the driver the session is pinned
     * to, the level it asks for ({@link #liveLevelToHonour}), zstd/LZ4 frame options other than the
     * default (a driver that honours them). In a pick, the answer for the last
     * instance asked is remembered: the queues of one device come one after another in a view.
     */
    public boolean allows(DriverBinding b) {
        if (picking()) {
            if (b != pickChecked) {
                pickAllows = allows(b, pickCalcTypes, pickRequired, pickLevel);
                pickChecked = b;
            }
            return pickAllows;
        }
        return allows(b, liveCalcTypes(), liveRequiredBinding(), liveLevelToHonour());
    }

    private boolean allows(DriverBinding b, int calcTypes, DriverBinding required, int level) {
        String pinned = spec.driver();
        return (calcTypes & (b.calcType().isHardware() ? HARDWARE : CPU)) != 0
                && (required == null || required == b)
                && (pinned == null || pinned.equals(b.name()))
                && (level == 0 || b.honoursLevel(level))
                && (b.honoursFrameOptions() || spec.frame().isDefault())
                // The driver's capability matrix: what it serves for this algorithm, operation and mode.
                && b.serves(spec.algorithm(), request.operation, request.session().isStream());
    }

    private int liveCalcTypes() {
        FallbackPolicy fallback = spec.fallback();
        if (fallback == FallbackPolicy.SOFTWARE_ONLY) {
            return CPU;
        }
        if (fallback == FallbackPolicy.HARDWARE_ONLY) {
            return HARDWARE;
        }
        return request.forceCpu ? CPU : CPU | HARDWARE;
    }

    /**
     * The level a compressing driver must honour for this request, or 0 for none: under AUTO, a
     * deflate compression whose level some driver with open queues honours goes to one that
     * does, unless the engine accepts the nearest level ({@code level.accept.nearest}) or the
     * session is pinned to a driver (a level is a promise about zlib's ratio).
     */
    private int liveLevelToHonour() {
        if (request.operation != Operation.COMPRESS || spec.fallback() != FallbackPolicy.AUTO || spec.driver() != null
                || !spec.algorithm().isDeflateFamily()) {
            return 0;
        }
        int level = spec.level();
        io.warpdrive.core.engine.Engine engine = request.session().engine();
        return engine.settings().levelAcceptNearest() || !engine.views().someDriverHonoursLevel(level) ? 0 : level;
    }

    /**
     * HARDWARE_ONLY requests wait for hardware and this one is not among them: a shared hardware
     * queue one of them could take is held for them ({@link CapacityLine#holds}).
     */
    public boolean hardwareHeldBack() {
        return picking() ? pickHardwareHeldBack : liveHardwareHeldBack();
    }

    private boolean liveHardwareHeldBack() {
        return !request.inLine && request.session().engine().line().hardwareReserved();
    }

    /** The active policy admits every request everywhere (it has no {@code admits} of its own), as of this pick. */
    public boolean admittedEverywhere() {
        return picking() && pickAdmittedEverywhere;
    }

    @Override
    public String consumer() {
        return request.session().consumer().name();
    }

    @Override
    public long consumerId() {
        return request.session().consumer().bundleId();
    }

    @Override
    public Operation operation() {
        return request.operation;
    }

    @Override
    public Algorithm algorithm() {
        return spec.algorithm();
    }

    @Override
    public WindowSize window() {
        return spec.window();
    }

    /** The session's zstd/LZ4 frame options (default for the other algorithms). */
    public FrameOptions frame() {
        return spec.frame();
    }

    @Override
    public boolean sync() {
        return request.isSync();
    }

    @Override
    public boolean stream() {
        return request.session().isStream();
    }

    @Override
    public String requiredDriver() {
        DriverBinding b = requiredBinding();
        return b != null ? b.name() : spec.driver();
    }

    /** The compression level the session asks for (1..9). */
    public int level() {
        return spec.level();
    }

    /** The driver the session pins its requests to by name, or null. */
    public String pinnedDriver() {
        return spec.driver();
    }

    @Override
    public long size() {
        return request.size();
    }

    @Override
    public int numaNode() {
        return spec.numaNode();
    }

    @Override
    public PriorityLevel priority() {
        return request.session().level();
    }

    @Override
    public FallbackPolicy fallback() {
        return spec.fallback();
    }

    @Override
    public int hardwareInFlight() {
        return request.session().consumer().hardwareInFlight();
    }

    @Override
    public SchedSession session() {
        return request.session();
    }

    @Override
    public String contextTag() {
        return spec.contextTag();
    }

    /** The driver instance a stream's state belongs to (identity, not just the name). */
    public DriverBinding requiredBinding() {
        return picking() ? pickRequired : liveRequiredBinding();
    }

    private DriverBinding liveRequiredBinding() {
        return request.session().boundBinding();
    }

    /** The request's cell in the performance models, or -1. */
    public int modelCell() {
        return request.modelCell;
    }

    boolean predicts() {
        return request.predicts;
    }

    /**
     * The finish prediction for this request on a device, computed once per device and pick: 0 when
     * the request predicts nothing (no cell, picks by priority) or explores this device.
     */
    public long finishOn(io.warpdrive.core.model.DeviceModel model) {
        EngineRequest r = request;
        if (r.predictedFor != model) {
            r.predictedFinish = r.modelCell < 0 || !r.predicts || r.exploreTarget == model ? 0
                    : model.finishNanos(r.modelCell, r.size(), r.isSync());
            r.predictedFor = model;
        }
        return r.predictedFinish;
    }

    /** The device whose model this request keeps current, or null. */
    io.warpdrive.core.model.DeviceModel exploreTarget() {
        return request.exploreTarget;
    }

    @Override
    public String toString() {
        return request.session().spec().algorithm().uadkName() + " " + request.operation + " " + request.size() + " B "
                + (request.isSync() ? "sync" : "async") + " " + request.session().spec().fallback() + " from "
                + consumer();
    }
}
