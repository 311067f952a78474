package io.warpdrive.core.engine.usage;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.session.Consumer;
import io.warpdrive.core.engine.stream.KeptInputBudget;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.MovingAverages;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.HypervisorTagListener;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageEventListener;
import io.warpdrive.stats.UsageStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platform's accounting: counters per consumer (by symbolic name and version) and per
 * device, kept across consumers' restarts, policy swaps and driver restarts, and the
 * snapshots built from them. Nothing here is on the request path except the adders the
 * path increments.
 */
public final class UsageRegistry implements UsageStats {
    private final Engine engine;
    private final Map<String, ConsumerCounters> consumers = new ConcurrentHashMap<>();
    /** By consumer symbolic name and context tag ("name\ntag", or "name\n" without a tag). */
    private final Map<String, ContextCounters> contexts = new ConcurrentHashMap<>();
    private volatile HypervisorTagListener[] tagListeners = new HypervisorTagListener[0];
    private final UsageEvents events;
    private final Map<String, DeviceCounters> devices = new ConcurrentHashMap<>();
    private final Map<String, CalcType> driverTypes = new ConcurrentHashMap<>();
    /** Queues whose counters are live: from when they open until their counters move to their device. */
    private final java.util.Set<EngineQueue> live = ConcurrentHashMap.newKeySet();
    /** Requests failed on a driver without reaching a queue of it: streams whose driver went away. */
    private final Map<String, LongAdder> driverFailures = new ConcurrentHashMap<>();
    /** Streams that continued on another engine (moved, or resumed from a resume point). */
    private final LongAdder streamMoves = new LongAdder();
    private volatile Instant since = Instant.now();

    public UsageRegistry(Engine engine) {
        this.engine = engine;
        this.events = new UsageEvents(engine);
    }

    public ConsumerCounters consumer(String name, String version, long bundleId) {
        ConsumerCounters c = consumers.computeIfAbsent(name + "@" + version, k -> new ConsumerCounters(name, version));
        c.bundleId = bundleId;
        return c;
    }

    /** The work counters of a consumer's sessions with this context tag (null: none); found once per session. */
    public ContextCounters context(String consumer, String tag) {
        return contexts.computeIfAbsent(consumer + "\n" + (tag == null ? "" : tag),
                k -> new ContextCounters(consumer, tag, events));
    }

    public void addEventListener(UsageEventListener l) {
        events.add(l);
    }

    public void removeEventListener(UsageEventListener l) {
        events.remove(l);
    }

    /**
     * The engine's watch (a few times a second): pushes the crossings of the work counters the
     * request path cannot see — all work completed, idle or slow beyond the listeners'
     * thresholds — at {@code nowNanos} (tests pass simulated times). One watch at a time: a
     * test's and the engine's do not interleave (off the request path).
     */
    public void watch(long nowNanos) {
        synchronized (events) {
            events.watch(contexts.values(), nowNanos);
        }
    }

    public synchronized void addTagListener(HypervisorTagListener l) {
        List<HypervisorTagListener> list = new ArrayList<>(java.util.Arrays.asList(tagListeners));
        list.add(l);
        tagListeners = list.toArray(new HypervisorTagListener[0]);
    }

    public synchronized void removeTagListener(HypervisorTagListener l) {
        List<HypervisorTagListener> list = new ArrayList<>(java.util.Arrays.asList(tagListeners));
        list.remove(l);
        tagListeners = list.toArray(new HypervisorTagListener[0]);
    }

    /** A request with a hypervisor tag completed: tells the listeners (third-party code: guarded). */
    public void tagCompleted(EngineRequest r) {
        for (HypervisorTagListener l : tagListeners) {
            try {
                l.tagCompleted(r.hypervisorTag(), r.session().consumer().name(), r.session().spec().contextTag(), r.status());
            } catch (Throwable t) {
                engine.log().warnOnce("tag-listener:" + l.getClass().getName(), "hypervisor tag listener "
                        + l.getClass().getName() + " threw " + t + "; ignored (further failures are not logged)");
            }
        }
    }

    public DeviceCounters device(String driver, String device, CalcType type) {
        driverTypes.put(driver, type);
        return devices.computeIfAbsent(driver + "/" + device, k -> new DeviceCounters(driver, device));
    }

    /**
     * Moves a closing queue's counters to its device. Under the same lock as device
     * snapshots, so a snapshot counts the queue either live or retired, never both or neither.
     */
    public synchronized void retire(EngineQueue q) {
        if (live.remove(q)) {
            q.deviceCounters().retire(q, System.nanoTime());
        }
    }

    /**
     * A job failed on {@code q}: charged to the queue while it is live, else to its device (a
     * queue closed by its driver's removal fails what it still held after its counters moved).
     * Under the lock of {@link #retire}, so no failure is lost between the two. Failures only.
     */
    public synchronized void failedOn(EngineQueue q, boolean queueFailure) {
        if (live.contains(q)) {
            q.counters().failed.increment();
            if (queueFailure) {
                q.counters().fault();
            }
        } else {
            q.deviceCounters().failed.increment();
            if (queueFailure) {
                q.deviceCounters().faults.increment();
            }
        }
    }

    /**
     * Compress-and-verify found an output of {@code q}'s device wrong.
     *
     * @return the device's wrong outputs counted so far, this one included
     */
    public long wrongOutput(EngineQueue q) {
        q.deviceCounters().wrongOutputs.increment();
        return q.deviceCounters().wrongOutputs.sum();
    }

    /** Wrong outputs counted on a device ({@link #wrongOutput}); 0 for one never seen. */
    public long wrongOutputs(String driver, String device) {
        DeviceCounters d = devices.get(driver + "/" + device);
        return d == null ? 0 : d.wrongOutputs.sum();
    }

    /** A request failed because its stream's driver went away before it reached a queue. */
    public void failedOnDriver(String driver) {
        driverFailures.computeIfAbsent(driver, k -> new LongAdder()).increment();
    }

    /** A queue opened: its counters count from now. */
    public void opened(EngineQueue q) {
        live.add(q);
    }

    /** The engine's tick: throughput of every live queue and each consumer's rates over the last interval. */
    public void sample() {
        long now = System.nanoTime();
        for (EngineQueue q : live) {
            q.counters().sample(now);
        }
        sampleConsumers(now);
    }

    /** Each consumer's hardware-busy and CPU-time rates at {@code nowNanos} (tests pass simulated times). */
    public void sampleConsumers(long nowNanos) {
        for (ConsumerCounters c : consumers.values()) {
            c.hardwareBusyRate.sample(c.hardwareBusyNanos.sum(), nowNanos);
            c.cpuRate.sample(c.cpuNanos.sum(), nowNanos);
        }
    }

    // ---- UsageStats -----------------------------------------------------------------------

    @Override
    public List<ConsumerUsage> consumers() {
        Map<Long, Integer> reserved = reservedQueuesByConsumer();
        int windows = RateAverages.WINDOWS_NANOS.length;
        double[] hardwareAll = new double[windows];
        double[] cpuAll = new double[windows];
        for (ConsumerCounters c : consumers.values()) {
            for (int i = 0; i < windows; i++) {
                hardwareAll[i] += c.hardwareBusyRate.average(i);
                cpuAll[i] += c.cpuRate.average(i);
            }
        }
        List<ConsumerUsage> list = new ArrayList<>();
        for (ConsumerCounters c : consumers.values()) {
            list.add(snapshot(c, reserved.getOrDefault(c.bundleId, 0), averages(c.hardwareBusyRate, null),
                    averages(c.hardwareBusyRate, hardwareAll), averages(c.cpuRate, null), averages(c.cpuRate, cpuAll)));
        }
        list.sort(Comparator.comparing(ConsumerUsage::name).thenComparing(ConsumerUsage::version));
        return list;
    }

    /** The rate's averages, or its share of {@code all} (the sum over consumers) when given. */
    private static MovingAverages averages(RateAverages rate, double[] all) {
        double[] v = new double[RateAverages.WINDOWS_NANOS.length];
        for (int i = 0; i < v.length; i++) {
            double own = rate.average(i);
            v[i] = all == null ? own : all[i] <= 0 ? 0 : own / all[i];
        }
        return new MovingAverages(v[0], v[1], v[2]);
    }

    private static UsageSnapshots.Consumer snapshot(ConsumerCounters c, int reserved, MovingAverages hardwareBusy,
            MovingAverages hardwareBusyShare, MovingAverages cpuTime, MovingAverages cpuTimeShare) {
        UsageSnapshots.CountsSnapshot[][] cells = new UsageSnapshots.CountsSnapshot[Algorithm.values().length][Operation
                .values().length];
        UsageSnapshots.CountsSnapshot total = UsageSnapshots.CountsSnapshot.ZERO;
        long hardware = 0;
        for (int a = 0; a < cells.length; a++) {
            for (int op = 0; op < cells[a].length; op++) {
                UsageSnapshots.CountsSnapshot cell = UsageSnapshots.CountsSnapshot.ZERO;
                for (int kind = 0; kind < 2; kind++) {
                    LongAdder[] k = c.cells[a][op][kind];
                    long r = k[0].sum();
                    cell = cell.plus(r, k[1].sum(), k[2].sum());
                    if (kind == 1) {
                        hardware += r;
                    }
                }
                cells[a][op] = cell;
                total = total.plus(cell.requests(), cell.bytesIn(), cell.bytesOut());
            }
        }
        Map<WdStatus, Long> errors = new EnumMap<>(WdStatus.class);
        for (WdStatus s : WdStatus.values()) {
            long n = c.errors[s.ordinal()].sum();
            if (n > 0) {
                errors.put(s, n);
            }
        }
        return new UsageSnapshots.Consumer(c.name, c.version, c.bundleId, total, cells, hardware, errors,
                c.queuedNanos.sum(), c.serviceNanos.sum(), c.hardwareBusyNanos.sum(), c.cpuNanos.sum(), reserved,
                hardwareBusy, hardwareBusyShare, cpuTime, cpuTimeShare);
    }

    private Map<Long, Integer> reservedQueuesByConsumer() {
        Map<Long, Integer> reserved = new java.util.HashMap<>();
        for (EngineQueue q : engine.views().pollSet()) {
            if (q.isReserved() && q.state() == EngineQueue.OPEN) {
                reserved.merge(q.reservedBy(), 1, Integer::sum);
            }
        }
        return reserved;
    }

    /** The queues open now (closing ones are left out). */
    @Override
    public List<QueueUsage> queues() {
        long now = System.nanoTime();
        List<QueueUsage> list = new ArrayList<>();
        for (EngineQueue q : live) {
            if (q.state() != EngineQueue.CLOSED) {
                list.add(snapshot(q, now));
            }
        }
        list.sort(Comparator.comparingLong(QueueUsage::id));
        return list;
    }

    private static UsageSnapshots.Queue snapshot(EngineQueue q, long now) {
        QueueCounters c = q.counters();
        int inFlight = q.inFlight();
        return new UsageSnapshots.Queue(q.id(), q.driver(), q.device(), q.operation(), q.mode(), q.depth(),
                q.reservedBy(), c.completed.sum(), c.failed.sum(), c.bytesIn.sum(), c.bytesOut.sum(), inFlight,
                c.busyNanos(inFlight > 0, now), c.idleNanos(inFlight > 0, now), c.intervalThroughput(),
                c.faults.sum());
    }

    @Override
    public synchronized List<DeviceUsage> devices() {
        long now = System.nanoTime();
        Map<String, UsageSnapshots.Device> byKey = new LinkedHashMap<>();
        for (DeviceCounters d : devices.values()) {
            byKey.put(d.driver + "/" + d.device, new UsageSnapshots.Device(d.driver, d.device, 0, d.completed.sum(),
                    d.failed.sum(), d.bytesIn.sum(), d.bytesOut.sum(), 0, d.busyNanos.sum(), d.idleNanos.sum(), 0,
                    d.faults.sum(), d.wrongOutputs.sum()));
        }
        for (EngineQueue q : live) {
            UsageSnapshots.Queue s = snapshot(q, now);
            byKey.merge(q.driver() + "/" + q.device(), new UsageSnapshots.Device(q.driver(), q.device(), 1, s.requests(),
                    s.failed(), s.bytesIn(), s.bytesOut(), s.inFlight(), s.busyNanos(), s.idleNanos(), s.throughput(),
                    s.faults(), 0), UsageRegistry::add);
        }
        List<DeviceUsage> list = new ArrayList<>(byKey.values());
        list.sort(Comparator.comparing(DeviceUsage::driver).thenComparing(DeviceUsage::device));
        return list;
    }

    private static UsageSnapshots.Device add(UsageSnapshots.Device a, UsageSnapshots.Device b) {
        return new UsageSnapshots.Device(a.driver(), a.device(), a.queues() + b.queues(), a.requests() + b.requests(),
                a.failed() + b.failed(), a.bytesIn() + b.bytesIn(), a.bytesOut() + b.bytesOut(),
                a.inFlight() + b.inFlight(), a.busyNanos() + b.busyNanos(), a.idleNanos() + b.idleNanos(),
                a.throughput() + b.throughput(), a.faults() + b.faults(), a.wrongOutputs() + b.wrongOutputs());
    }

    @Override
    public List<DriverUsage> drivers() {
        Map<String, UsageSnapshots.Driver> byName = new LinkedHashMap<>();
        java.util.Set<String> present = engine.drivers().names();
        for (DeviceUsage d : devices()) {
            UsageSnapshots.Driver one = new UsageSnapshots.Driver(d.driver(), driverTypes.get(d.driver()),
                    present.contains(d.driver()), d.requests(), d.failed(), d.bytesIn(), d.bytesOut(), d.inFlight(),
                    d.busyNanos(), d.idleNanos(), d.throughput(), d.faults());
            byName.merge(d.driver(), one, (a, b) -> new UsageSnapshots.Driver(a.driver(), a.calcType(), a.present(),
                    a.requests() + b.requests(), a.failed() + b.failed(), a.bytesIn() + b.bytesIn(),
                    a.bytesOut() + b.bytesOut(), a.inFlight() + b.inFlight(), a.busyNanos() + b.busyNanos(),
                    a.idleNanos() + b.idleNanos(), a.throughput() + b.throughput(), a.faults() + b.faults()));
        }
        for (Map.Entry<String, LongAdder> e : driverFailures.entrySet()) {
            long n = e.getValue().sum();
            UsageSnapshots.Driver d = byName.get(e.getKey());
            if (d != null && n > 0) {
                byName.put(e.getKey(), new UsageSnapshots.Driver(d.driver(), d.calcType(), d.present(), d.requests(),
                        d.failed() + n, d.bytesIn(), d.bytesOut(), d.inFlight(), d.busyNanos(), d.idleNanos(),
                        d.throughput(), d.faults()));
            }
        }
        return new ArrayList<>(byName.values());
    }

    @Override
    public List<ContextUsage> contexts() {
        List<ContextUsage> list = new ArrayList<>();
        for (ContextCounters c : contexts.values()) {
            long[][] cells = new long[c.cells.length][];
            for (int op = 0; op < cells.length; op++) {
                // completed first: a request counted completed was counted submitted before it
                long completedWork = c.cells[op][5].sum();
                long completedBytes = c.cells[op][3].sum();
                long completed = c.cells[op][2].sum();
                cells[op] = new long[] { c.cells[op][0].sum(), c.cells[op][1].sum(), completed, completedBytes,
                    c.cells[op][4].sum(), completedWork };
            }
            list.add(new UsageSnapshots.Context(c.consumer, c.tag, cells));
        }
        list.sort(Comparator.comparing(ContextUsage::consumer).thenComparing(ContextUsage::contextTag,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return list;
    }

    @Override
    public void thresholdsChanged() {
        events.thresholdsChanged();
    }

    /** A stream continues on another engine (its engine went away, or its output was wrong there). */
    public void streamMoved() {
        streamMoves.increment();
    }

    @Override
    public StreamContinuityUsage streamContinuity() {
        KeptInputBudget kept = engine.keptInput();
        return new UsageSnapshots.StreamContinuity(streamMoves.sum(), kept.taken(), kept.limit(), kept.refusals());
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public void reset() {
        for (ConsumerCounters c : consumers.values()) {
            c.reset();
        }
        for (DeviceCounters d : devices.values()) {
            d.reset();
        }
        for (LongAdder f : driverFailures.values()) {
            f.reset();
        }
        for (ContextCounters c : contexts.values()) {
            c.reset();
        }
        for (EngineQueue q : live) {
            q.counters().reset();
        }
        streamMoves.reset();
        engine.keptInput().resetRefusals();
        since = Instant.now();
    }
}
