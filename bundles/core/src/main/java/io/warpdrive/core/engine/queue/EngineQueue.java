package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.request.JobEvents;
import io.warpdrive.core.engine.request.JobSlot;
import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.core.engine.usage.DeviceCounters;
import io.warpdrive.core.engine.usage.QueueCounters;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.Modelled;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.ring.MpmcRing;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.SchedKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's side of one open driver queue: its preallocated pool of job slots (the
 * tags), live counters, and the checks of whether it may take a request. This is the
 * {@link QueueInfo} schedulers see.
 */
public final class EngineQueue implements QueueInfo, Modelled {
    public static final int OPEN = 0;
    public static final int DRAINING = 1;
    public static final int CLOSED = 2;

    private static final AtomicLong IDS = new AtomicLong();
    private static final WindowSize[] WINDOWS = WindowSize.values();
    private static final double THROUGHPUT_WEIGHT = 0.2;

    private final long id = IDS.incrementAndGet();
    private final Engine engine;
    private final DriverBinding binding;
    private final Queue queue;
    private final Device device;
    private final String deviceName;
    private final int numaNode;
    private final Operation operation;
    private final QueueMode mode;
    private final CompletionMode completionMode;
    private final int depth;
    private final boolean hardware;
    /** Bundle id of the consumer that reserved this queue, or -1 for a queue of the shared pool. */
    private final long reservedBy;
    /** Bit (algorithm × 5 + window) set when the device serves that pair in this direction. */
    private final int capabilities;

    private final JobSlot[] slots;
    private final MpmcRing<JobSlot> free;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile double bytesPerNano;
    private volatile int state = OPEN;
    private volatile boolean healthy = true;
    /** Position in the current view; -1 when in none. */
    private volatile int index = -1;
    private final QueueCounters counters = new QueueCounters();
    /** Where this queue's counters go when it closes. */
    private final DeviceCounters deviceCounters;
    /** The performance model of this queue's device, shared with its other queues. */
    private final DeviceModel model;
    private final NanoClock clock;

    public DriverBinding binding() {
        return binding;
    }

    public Queue driverQueue() {
        return queue;
    }

    public QueueCounters counters() {
        return counters;
    }

    public DeviceCounters deviceCounters() {
        return deviceCounters;
    }

    public NanoClock clock() {
        return clock;
    }

    EngineQueue(DriverBinding binding, Device device, Queue queue, JobEvents events, long reservedBy) {
        this.binding = binding;
        this.engine = binding.engine();
        this.reservedBy = reservedBy;
        this.deviceCounters = engine.usage().device(binding.name(), device.name(), binding.calcType());
        this.queue = queue;
        this.device = device;
        this.deviceName = device.name();
        this.numaNode = Math.max(0, device.numaNode());
        this.operation = queue.operation();
        this.mode = queue.mode();
        this.completionMode = queue.completionMode();
        this.depth = queue.depth();
        this.hardware = binding.calcType().isHardware();
        this.model = engine.models().model(io.warpdrive.core.model.ModelStore.identity(binding.name(), binding.version(),
                device), binding.name(), deviceName, hardware, parallelism(device), !hardware || emulated(device));
        this.clock = engine.clock();
        int caps = 0;
        for (Algorithm a : Algorithm.values()) {
            for (WindowSize w : WINDOWS) {
                if (device.serves(a, operation, w)) {
                    caps |= 1 << RequestKey.capabilityBit(a, w);
                }
            }
        }
        this.capabilities = caps;
        this.slots = new JobSlot[depth];
        this.free = new MpmcRing<>(Math.max(1, depth));
        for (int tag = 0; tag < depth; tag++) {
            slots[tag] = new JobSlot(this, tag, events);
            free.offer(slots[tag]);
        }
        engine.usage().opened(this);
        engine.quarantine().opened(this, device);
    }

    /** Jobs the device serves at once: a CPU device's workers ({@code workers} attribute), else 1. */
    private static int parallelism(Device device) {
        try {
            String workers = device.attributes().get("workers");
            return workers == null ? 1 : Math.max(1, Integer.parseInt(workers.trim()));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** A device that says it is emulated runs on the host's cores like a CPU driver. */
    private static boolean emulated(Device device) {
        try {
            return "true".equals(device.attributes().get("emulated"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- request path -------------------------------------------------------------

    /**
     * Everything except room and availability: the queue could serve this request. The request's
     * side of each check comes from the key, worked out once per pick ({@code RequestKey.beginPick}).
     */
    public boolean couldServe(RequestKey k) {
        return operation == k.operation() && (reservedBy < 0 || reservedBy == k.consumerId())
                && (capabilities & k.capability()) != 0 && mode.accepts(k.sync()) && k.allows(binding);
    }

    /**
     * The full check: could serve, available, a slot free now — and, while a HARDWARE_ONLY
     * request waits in line that this shared hardware queue could take, it takes only the line.
     */
    boolean accepts(RequestKey k) {
        // The operation first: half of a pick's queues serve the other one, and it is the cheapest test.
        return operation == k.operation() && inFlight.get() < depth && mayTake(k);
    }

    /** {@link #accepts} but for room, which the slot pool decides ({@link #tryAcquire}). */
    public boolean mayTake(RequestKey k) {
        return mayTakeBesidesPolicy(k) && (k.admittedEverywhere() || admits(k));
    }

    /**
     * {@link #mayTake} but for the active policy's admission. A shared hardware queue is held for
     * the line only while a waiting HARDWARE_ONLY request could take it: one the policy keeps off
     * it (an instance held back for a higher level) holds nothing there, so a newcomer the policy
     * admits takes it rather than going to the CPU.
     */
    public boolean mayTakeBesidesPolicy(RequestKey k) {
        return state == OPEN && healthy && model.refused() == null && couldServe(k)
                && !(hardware && reservedBy < 0 && k.hardwareHeldBack() && engine.line().holds(this));
    }

    /** The active policy lets the request onto this queue ({@code Scheduler.admits}). */
    public boolean admits(RequestKey k) {
        return engine.schedulers().admits(k, this);
    }

    /** Takes a free slot (a tag), or null when the queue is full. */
    public JobSlot tryAcquire() {
        JobSlot slot = free.poll();
        if (slot == null) {
            return null;
        }
        if (inFlight.incrementAndGet() == 1) {
            counters.busy(System.nanoTime());
        }
        if (state != OPEN) {
            // A drain began: the engine closes the queue once it sees no job in flight, so give
            // the slot back rather than send on a queue that may be closing. (The engine sets the
            // state before it reads the count, this thread the count before it reads the state:
            // one of the two sees the other.)
            release(slot);
            return null;
        }
        return slot;
    }

    /**
     * Binds the request to the acquired slot and sends it. On false the slot is back in
     * the pool and the request untouched (the driver refused: full).
     *
     * @throws io.warpdrive.comp.WdException when the request cannot be bound to the slot
     *         (see {@link JobSlot#bind}); the slot is back in the pool
     */
    public boolean submit(JobSlot slot, EngineRequest r, long outputLimit) {
        long size = r.size();
        queuedBytes.addAndGet(size);
        long generation;
        try {
            generation = slot.bind(r, outputLimit);
        } catch (RuntimeException e) {
            // Refused before the driver saw it (too large to bounce, no memory): the slot goes back.
            queuedBytes.addAndGet(-size);
            release(slot);
            throw e;
        }
        if (generation < 0) {
            // The queue closed between taking the slot and binding it: refused like a full queue.
            queuedBytes.addAndGet(-size);
            release(slot);
            return false;
        }
        r.sentOn(this, slot.submitNanos());
        slot.modelled(r.key().modelCell(), !(r.isSync() && !model.queuesSync()));
        if (hardware) {
            // Before send: the driver may complete the job inside send, and settling counts it down.
            r.session().hardwareSent();
        }
        boolean accepted;
        try {
            accepted = queue.send(slot);
        } catch (RuntimeException e) {
            // The driver's problem, not the caller's: the job fails as a device error (re-sent under AUTO).
            engine.log().warnOnce("send:" + id, "queue " + this + ": send threw " + e);
            slot.accepted(generation);
            slot.forceFail(io.warpdrive.comp.WdStatus.DEVICE_ERROR, "driver " + binding.name() + " failed to send: " + e);
            return true;
        }
        if (accepted) {
            slot.accepted(generation);
            if (state == CLOSED) {
                // Closed while we handed over: a correct driver fails the job itself; make sure of it.
                engine.lifecycle().sweepStranded(this);
            }
            return true;
        }
        slot.unmodel();
        slot.unbind();
        queuedBytes.addAndGet(-size);
        if (hardware) {
            r.session().hardwareDone();
        }
        release(slot);
        return false;
    }

    /**
     * Reaps completions of a POLL-mode queue. Driver code is untrusted: an exception is
     * logged, never passed to the thread that happened to reap.
     */
    public int reap(int budget) {
        try {
            return queue.receive(budget);
        } catch (RuntimeException e) {
            engine.log().warnOnce("receive:" + id, "queue " + this + ": receive threw " + e);
            return 0;
        }
    }

    /**
     * Returns a slot after its job finished (or was never sent): to the first request
     * waiting in line that this queue can serve, else to the pool.
     */
    public void release(JobSlot slot) {
        if (state == OPEN && healthy && engine.line().handOff(this, slot)) {
            return;
        }
        if (inFlight.decrementAndGet() == 0) {
            counters.idle(System.nanoTime());
            if (state == DRAINING) {
                engine.lifecycle().drained(this);
            }
        }
        if (state != CLOSED) {
            free.offer(slot);
        }
    }

    /** Book-keeping when a job finished: queued work and throughput estimate. */
    public void jobFinished(long size, long serviceNanos, boolean ok) {
        queuedBytes.addAndGet(-size);
        if (ok && size > 0 && serviceNanos > 0) {
            double sample = (double) size / serviceNanos;
            double old = bytesPerNano;
            bytesPerNano = old == 0 ? sample : old + THROUGHPUT_WEIGHT * (sample - old);
        }
    }

    /**
     * Expected time until a request of {@code size} bytes sent now completes, counting
     * the work queued ahead of it (the layering's rule: behind a long request a short one becomes
     * long); 0 when nothing has been measured yet.
     */
    public long expectedNanos(long size) {
        double rate = bytesPerNano;
        if (rate <= 0) {
            return 0;
        }
        return (long) ((queuedBytes.get() + size) / rate);
    }

    public JobSlot slot(int tag) {
        return slots[tag];
    }

    public int slotCount() {
        return slots.length;
    }

    // ---- lifecycle ------------------------------------------------------------------

    public int state() {
        return state;
    }

    /** Stops taking new requests; in-flight ones finish, then the queue closes. */
    public void startDraining() {
        if (state == OPEN) {
            state = DRAINING;
            if (inFlight.get() == 0) {
                engine.lifecycle().drained(this);
            }
        }
    }

    /** Marks the queue closed; true only for the call that did it, so a queue is closed once. */
    public boolean markClosed() {
        synchronized (this) {
            if (state == CLOSED) {
                return false;
            }
            state = CLOSED;
            return true;
        }
    }

    public void healthy(boolean value) {
        this.healthy = value;
    }

    boolean isHealthy() {
        return healthy;
    }

    // ---- QueueInfo --------------------------------------------------------------------

    /** The queue's position in the view now published (the view's builder sets it). */
    void placedAt(int position) {
        index = position;
    }

    /** Whether the queue is open on that device of its driver. */
    boolean isOn(Device d) {
        return device == d;
    }

    /** Whether the queue's device is one of these (the driver's devices now). */
    boolean isOnOneOf(java.util.Collection<? extends Device> devices) {
        return devices.contains(device);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String driver() {
        return binding.name();
    }

    @Override
    public CalcType calcType() {
        return binding.calcType();
    }

    @Override
    public int driverPriority() {
        return binding.priority();
    }

    @Override
    public String device() {
        return deviceName;
    }

    @Override
    public int numaNode() {
        return numaNode;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public QueueMode mode() {
        return mode;
    }

    @Override
    public CompletionMode completionMode() {
        return completionMode;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public long queuedBytes() {
        return queuedBytes.get();
    }

    @Override
    public double throughput() {
        return bytesPerNano * 1e9;
    }

    @Override
    public boolean isAvailable() {
        return state == OPEN && healthy && model.refused() == null;
    }

    @Override
    public boolean hasRoom() {
        return isAvailable() && inFlight.get() < depth;
    }

    @Override
    public long reservedBy() {
        return reservedBy;
    }

    public boolean isReserved() {
        return reservedBy >= 0;
    }

    public boolean isHardware() {
        return hardware;
    }

    @Override
    public boolean serves(Algorithm algorithm, WindowSize window) {
        return (capabilities & (1 << RequestKey.capabilityBit(algorithm, window))) != 0;
    }

    @Override
    public boolean canTake(SchedKey key) {
        return key instanceof RequestKey && accepts((RequestKey) key);
    }

    @Override
    public long predictedFinishNanos(SchedKey key) {
        if (!(key instanceof RequestKey)) {
            return 0;
        }
        return ((RequestKey) key).finishOn(model);
    }

    @Override
    public long predictedServiceNanos(SchedKey key) {
        if (!(key instanceof RequestKey) || ((RequestKey) key).modelCell() < 0) {
            return 0;
        }
        RequestKey k = (RequestKey) key;
        long ns = k.sync() ? model.syncNanos(k.modelCell(), k.size()) : model.serviceNanos(k.modelCell(), k.size());
        return Math.max(0, ns);
    }

    @Override
    public DeviceModel model() {
        return model;
    }

    /** The engine this queue belongs to. */
    public Engine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return binding.name() + "/" + deviceName + "#" + id + " " + operation.name().toLowerCase() + " "
                + inFlight.get() + "/" + depth + (reservedBy >= 0 ? " reserved by bundle " + reservedBy : "");
    }
}
