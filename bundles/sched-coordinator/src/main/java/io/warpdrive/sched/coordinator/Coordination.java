package io.warpdrive.sched.coordinator;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.coordinator.ResourceKind;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.Tune;
import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The book of tunes of the priority coordinator: per resource one ordered list per
 * priority level; a tune request puts one node on each resource it names, and tune, retune,
 * untune and expiry act on the whole request under one lock (rare calls, never on the request
 * path), then publish what the values in force mean for placement as an immutable
 * {@link Placement} and write the CPU workers' value to its {@link Knob}.
 */
final class Coordination {
    /** What the knob was last given: nothing yet, or put back. */
    private static final long KNOB_RESTORED = Long.MIN_VALUE;

    private final TuneClock clock;
    private final Knob workers;
    private final CoordinatorLog log;
    private final Object lock = new Object();
    /** Serialises writes to the knob; each writes the latest value in force, so they converge. */
    private final Object knobLock = new Object();

    private Map<String, ResourceNode> resources = new LinkedHashMap<>();
    private final Map<Long, TuneRequest> tunes = new HashMap<>();
    private long nextHandle = 1;
    private long nextSequence;
    private boolean closed;
    private volatile Placement placement = Placement.NONE;
    /** Guarded by knobLock. */
    private long knobApplied = KNOB_RESTORED;

    Coordination(ResourceTable table, TuneClock clock, Knob workers, CoordinatorLog log) {
        this.clock = clock;
        this.workers = workers;
        this.log = log;
        configure(table);
    }

    /** The values in force as pick uses them. */
    Placement placement() {
        return placement;
    }

    // ---- tune / retune / untune ---------------------------------------------------------------

    long tune(Owner owner, String resource, long value, Duration duration, PriorityLevel level) {
        return tune(owner, Map.of(resource == null ? "" : resource, value), duration, level);
    }

    /**
     * One request for several resources: all are checked before any is applied, so a bad one
     * refuses the whole request and nothing changes.
     */
    long tune(Owner owner, Map<String, Long> values, Duration duration, PriorityLevel level) {
        if (values == null || values.isEmpty()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a tune names at least one resource");
        }
        if (level == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a priority level is required");
        }
        if (level.isSystem() && !owner.system) {
            throw new WdException(WdStatus.ACCESS_DENIED, owner.symbolicName + " is a third-party consumer: it may tune "
                    + "at THIRD_PARTY_HIGH or THIRD_PARTY_LOW, not " + level);
        }
        long nanos = nanosOf(duration);
        TuneRequest t;
        synchronized (lock) {
            checkOpen();
            List<ResourceNode> named = new ArrayList<>(values.size());
            for (Map.Entry<String, Long> e : values.entrySet()) {
                ResourceNode r = node(e.getKey());
                if (e.getValue() == null) {
                    throw new WdException(WdStatus.INVALID_ARGUMENT, "resource " + e.getKey() + " has no value");
                }
                r.spec.check(e.getValue());
                named.add(r);
            }
            t = new TuneRequest(nextHandle++, level, owner);
            for (ResourceNode r : named) {
                TuneNode n = new TuneNode(t, r.spec.name, values.get(r.spec.name), nextSequence++);
                t.nodes.add(n);
                r.list(level).insert(n, r.spec.policy);
            }
            tunes.put(t.handle, t);
            startTimer(t, nanos);
            publish();
        }
        log.info(t + " " + (duration == null ? "until untuned" : "for " + Durations.format(duration)));
        applyKnob();
        return t.handle;
    }

    void retune(Owner caller, long handle, Duration duration) {
        long nanos = nanosOf(duration);
        synchronized (lock) {
            checkOpen();
            TuneRequest t = owned(caller, handle, "retune");
            if (t.timer != null) {
                t.timer.cancel();
            }
            startTimer(t, nanos);
        }
    }

    void untune(Owner caller, long handle) {
        TuneRequest t;
        synchronized (lock) {
            checkOpen();
            t = owned(caller, handle, "untune");
            remove(t);
            publish();
        }
        log.info(t + " untuned");
        applyKnob();
    }

    /** Removes every tune of a bundle (it stopped, or released the service). */
    int untuneAll(long bundleId, String why) {
        List<TuneRequest> gone = new ArrayList<>();
        synchronized (lock) {
            for (TuneRequest t : tunes.values()) {
                if (t.owner.bundleId == bundleId) {
                    gone.add(t);
                }
            }
            for (TuneRequest t : gone) {
                remove(t);
            }
            if (!gone.isEmpty()) {
                publish();
            }
        }
        if (!gone.isEmpty()) {
            log.info(gone.size() + " tune(s) of " + gone.get(0).owner + " removed: " + why);
            applyKnob();
        }
        return gone.size();
    }

    private void expire(long handle, long generation) {
        TuneRequest t;
        synchronized (lock) {
            t = tunes.get(handle);
            if (t == null || t.timerGeneration != generation || closed) {
                return; // untuned meanwhile, or retuned: a newer timer owns it
            }
            remove(t);
            publish();
        }
        log.info(t + " expired");
        applyKnob();
    }

    /** Under the lock. */
    private TuneRequest owned(Owner caller, long handle, String what) {
        TuneRequest n = tunes.get(handle);
        if (n == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no tune " + handle + " (it expired, was untuned, or "
                    + "never was)");
        }
        if (n.owner.bundleId != caller.bundleId && !caller.system) {
            throw new WdException(WdStatus.ACCESS_DENIED, caller.symbolicName + " may not " + what + " tune " + handle
                    + " of " + n.owner.symbolicName + " (only its own, or any as a system consumer)");
        }
        return n;
    }

    /** Under the lock: the request and each of its nodes leave together. */
    private void remove(TuneRequest t) {
        tunes.remove(t.handle);
        if (t.timer != null) {
            t.timer.cancel();
            t.timer = null;
        }
        for (TuneNode n : t.nodes) {
            ResourceNode r = resources.get(n.resource);
            if (r != null) {
                r.list(n.level).remove(n);
            }
        }
    }

    /** Under the lock. */
    private void startTimer(TuneRequest n, long nanos) {
        long generation = ++n.timerGeneration;
        if (nanos == Long.MAX_VALUE) {
            n.deadlineNanos = Long.MAX_VALUE;
            n.timer = null;
            return;
        }
        n.deadlineNanos = clock.nanoTime() + nanos;
        long handle = n.handle;
        n.timer = clock.schedule(() -> expire(handle, generation), nanos);
    }

    private static long nanosOf(Duration d) {
        if (d == null) {
            return Long.MAX_VALUE;
        }
        if (d.isNegative() || d.isZero()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a tune's duration must be positive, not " + d
                    + " (none: until untuned)");
        }
        try {
            long nanos = d.toNanos();
            if (nanos == Long.MAX_VALUE) {
                throw new ArithmeticException();
            }
            return nanos;
        } catch (ArithmeticException tooLong) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a duration of " + d + " is too long (none: until untuned)");
        }
    }

    /** Under the lock. */
    private ResourceNode node(String name) {
        ResourceNode r = name == null ? null : resources.get(name);
        if (r == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no resource '" + name + "' (the table has: "
                    + String.join(", ", resources.keySet()) + ")");
        }
        return r;
    }

    private void checkOpen() {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the coordinator is stopping");
        }
    }

    // ---- the table --------------------------------------------------------------------------

    /**
     * Applies a new resource table: tunes of resources still present (by name) stay and are put
     * in the order of the resource's (maybe new) policy, in their arrival order; tunes of
     * resources no longer present are dropped.
     */
    void configure(ResourceTable table) {
        List<TuneNode> dropped = new ArrayList<>();
        synchronized (lock) {
            Map<String, ResourceNode> next = new LinkedHashMap<>();
            List<TuneNode> moved = new ArrayList<>();
            for (ResourceSpec spec : table.specs) {
                ResourceNode old = resources.get(spec.name);
                if (old != null && old.spec.sameAs(spec)) {
                    next.put(spec.name, old);
                } else {
                    next.put(spec.name, new ResourceNode(spec));
                    if (old != null) {
                        old.forEach(moved::add);
                    }
                }
            }
            for (ResourceNode old : resources.values()) {
                if (!next.containsKey(old.spec.name)) {
                    old.forEach(dropped::add);
                }
            }
            resources = next;
            for (TuneNode n : dropped) {
                // The resource is gone (its list with it): the request keeps its other resources.
                n.request.nodes.remove(n);
                if (n.request.nodes.isEmpty()) {
                    remove(n.request);
                }
            }
            moved.sort(Comparator.comparingLong(n -> n.sequence));
            for (TuneNode n : moved) {
                n.previous = null;
                n.next = null;
                ResourceNode r = next.get(n.resource);
                r.list(n.level).insert(n, r.spec.policy);
            }
            publish();
        }
        for (TuneNode n : dropped) {
            log.info(n + " removed: resource " + n.resource + " is no longer in the table");
        }
        applyKnob();
    }

    // ---- publishing ---------------------------------------------------------------------------

    /** Under the lock: what the values in force mean for pick, as one immutable object. */
    private void publish() {
        List<Placement.Group> groups = new ArrayList<>();
        List<long[]> limits = new ArrayList<>();
        for (ResourceNode r : resources.values()) {
            TuneNode head = r.inForce();
            // A default acts on the levels below SYSTEM_HIGH.
            int level = head == null ? PriorityLevel.SYSTEM_HIGH.ordinal() : head.level.ordinal();
            if (r.spec.kind == ResourceKind.HARDWARE) {
                long v = head == null ? r.defaultValue(workers) : head.value;
                if (v > 0 && groups.size() < Placement.MAX_GROUPS) {
                    groups.add(new Placement.Group(r.spec.driver, r.spec.device, v, level));
                }
            } else if (r.spec.kind == ResourceKind.HARDWARE_PER_CONSUMER) {
                long v = head == null ? r.defaultValue(workers) : head.value;
                if (v != ResourceState.UNLIMITED) {
                    limits.add(new long[] { level, v });
                }
            }
        }
        int[] limitLevels = new int[limits.size()];
        long[] limitValues = new long[limits.size()];
        for (int i = 0; i < limits.size(); i++) {
            limitLevels[i] = (int) limits.get(i)[0];
            limitValues[i] = limits.get(i)[1];
        }
        placement = new Placement(groups.toArray(new Placement.Group[0]), limitLevels, limitValues);
    }

    /** Writes the CPU workers' value in force to the knob if it changed; the latest value always wins. */
    void applyKnob() {
        synchronized (knobLock) {
            long wanted;
            synchronized (lock) {
                ResourceNode r = null;
                for (ResourceNode n : resources.values()) {
                    if (n.spec.kind == ResourceKind.CPU_WORKERS) {
                        r = n;
                    }
                }
                if (closed || r == null || r.restoresOriginal()) {
                    wanted = KNOB_RESTORED;
                } else {
                    TuneNode head = r.inForce();
                    wanted = head != null ? head.value : r.spec.configuredDefault;
                }
            }
            if (wanted == knobApplied) {
                return;
            }
            boolean done = wanted == KNOB_RESTORED ? workers.restore() : workers.set(wanted);
            if (done) {
                knobApplied = wanted;
                log.info("CPU driver workers: " + (wanted == KNOB_RESTORED ? "its own setting again" : wanted));
            }
        }
    }

    /** Drops every tune (the coordinator stops) and puts the knob back. */
    void close() {
        synchronized (lock) {
            closed = true;
            for (TuneRequest t : new ArrayList<>(tunes.values())) {
                remove(t);
            }
            publish();
        }
        applyKnob();
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Every resource with its value in force and its tunes, in table order. */
    List<ResourceState> resources() {
        synchronized (lock) {
            long now = clock.nanoTime();
            List<ResourceState> list = new ArrayList<>(resources.size());
            for (ResourceNode r : resources.values()) {
                TuneNode head = r.inForce();
                List<Tune> ts = new ArrayList<>(r.tuneCount());
                r.forEach(n -> ts.add(new Snapshots.TuneSnapshot(n, n == head, now)));
                long dflt = r.defaultValue(workers);
                list.add(new Snapshots.ResourceSnapshot(r.spec, dflt, head == null ? dflt : head.value,
                        head == null ? null : head.level, ts));
            }
            return list;
        }
    }

    /** How many tunes are pending (in force or not). */
    int size() {
        synchronized (lock) {
            return tunes.size();
        }
    }
}
