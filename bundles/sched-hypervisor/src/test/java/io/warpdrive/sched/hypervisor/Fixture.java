package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.testing.sched.SyntheticView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A hypervisor on a synthetic queue view with synthetic engine counters and a fake clock:
 * tests set counters, advance time and tick — nothing sleeps, nothing is timed.
 */
final class Fixture {
    long now = 1_000_000_000L;
    final SyntheticView view = new SyntheticView();
    final List<String> log = new ArrayList<>();
    /** The strategies the hypervisor bundle registers, as its services would be. */
    final Strategies strategies = builtIn();
    final Events events = new Events();
    final Hypervisor hypervisor = new Hypervisor(() -> now, log::add, strategies, events);
    final Map<Long, Counters> queueCounters = new TreeMap<>();
    final Map<String, Work> work = new HashMap<>();
    private final List<ContextSpec> specs = new ArrayList<>();

    /** {@code n} queues per direction of one driver. */
    Fixture queues(String driver, CalcType type, int priority, int n) {
        for (Operation op : Operation.values()) {
            for (int i = 0; i < n; i++) {
                SyntheticView.Q q = view.add(driver, type, priority, 0, 0, 4);
                q.operation = op;
                queueCounters.put(q.id(), new Counters(q));
            }
        }
        return this;
    }

    static Strategies builtIn() {
        Strategies s = new Strategies();
        s.add(IdlenessStrategy.NAME, new IdlenessStrategy());
        s.add(ThroughputStrategy.NAME, new ThroughputStrategy());
        return s;
    }

    Fixture context(Spec spec) {
        specs.add(spec.build());
        hypervisor.configure(specs);
        return this;
    }

    void replace(Spec spec) {
        specs.removeIf(s -> s.name().equals(spec.name));
        context(spec);
    }

    void tick() {
        hypervisor.tick(view, new ArrayList<>(queueCounters.values()), new ArrayList<>(work.values()), true);
    }

    void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    Assignment assignment() {
        return hypervisor.assignment();
    }

    /** The queues of a direction published as owned by the context (by its name's index). */
    List<SyntheticView.Q> owned(String context, Operation op) {
        int c = index(context);
        List<SyntheticView.Q> list = new ArrayList<>();
        for (SyntheticView.Q q : view.queues) {
            if (q.operation == op && assignment().ownerOf(q) == c) {
                list.add(q);
            }
        }
        return list;
    }

    int index(String context) {
        List<String> names = specs.stream().map(ContextSpec::name).sorted().toList();
        return names.indexOf(context);
    }

    int target(String context, Operation op) {
        return hypervisor.contexts().get(index(context)).target[op.ordinal()];
    }

    ContextState state(String context) {
        return hypervisor.contexts().get(index(context));
    }

    /** A request key of a session with this context tag. */
    static SyntheticView.Key key(String tag, Operation op) {
        SyntheticView.Key k = new SyntheticView.Key();
        k.contextTag = tag;
        k.operation = op;
        k.session = new SyntheticView.Session();
        return k;
    }

    Work work(String consumer, String tag) {
        return work.computeIfAbsent(consumer + "/" + tag, k -> new Work(consumer, tag));
    }

    static Spec spec(String name) {
        return new Spec(name);
    }

    /** A context configuration with the configuration's defaults. */
    static final class Spec {
        final String name;
        List<String> consumers = List.of();
        List<String> tags;
        int queues;
        int min = 1;
        int max;
        String policy = "APPLICATION";
        long maxIdleMs = 1000;
        long work;
        boolean useRemainder;
        long intervalMs = 1000;
        Map<Integer, SizeChange> tagResizes = new HashMap<>();
        Map<String, Long> queueMaxIdle = new HashMap<>();
        long applyAfterMs;
        long applyAfterBytes;
        long minBytesPerSecond;

        Spec(String name) {
            this.name = name;
            this.tags = List.of(name);
        }

        Spec consumers(String... patterns) {
            consumers = List.of(patterns);
            tags = List.of();
            return this;
        }

        Spec queues(int n) {
            queues = n;
            return this;
        }

        Spec bounds(int lo, int hi) {
            min = lo;
            max = hi;
            return this;
        }

        Spec policy(String p) {
            policy = p;
            return this;
        }

        Spec maxIdle(long ms) {
            maxIdleMs = ms;
            return this;
        }

        Spec work(long bytes) {
            work = bytes;
            return this;
        }

        Spec remainder() {
            useRemainder = true;
            return this;
        }

        Spec interval(long ms) {
            intervalMs = ms;
            return this;
        }

        /** The maximum idle time of the context's queues of a driver or device. */
        Spec queueMaxIdle(String driverOrDevice, long ms) {
            queueMaxIdle.put(driverOrDevice, TimeUnit.MILLISECONDS.toNanos(ms));
            return this;
        }

        /** Time to apply: a resize takes effect after this time or this much completed work. */
        Spec applyAfter(long ms, long bytes) {
            applyAfterMs = ms;
            applyAfterBytes = bytes;
            return this;
        }

        /** Work completing slower than this (bytes per second) while pending is pushed as slow. */
        Spec minThroughput(long bytesPerSecond) {
            minBytesPerSecond = bytesPerSecond;
            return this;
        }

        Spec at(int tag, String size) {
            tagResizes.put(tag, SizeChange.parse(size));
            return this;
        }

        ContextSpec build() {
            return new ContextSpec(name, consumers, tags, queues, min, max, policy,
                    TimeUnit.MILLISECONDS.toNanos(maxIdleMs), work, useRemainder,
                    TimeUnit.MILLISECONDS.toNanos(intervalMs), tagResizes, queueMaxIdle,
                    TimeUnit.MILLISECONDS.toNanos(applyAfterMs), applyAfterBytes, minBytesPerSecond);
        }
    }

    /** The engine's counters of one queue, settable. */
    static final class Counters implements QueueUsage {
        final SyntheticView.Q q;
        long requests;
        long bytesIn;
        long busyNanos;

        Counters(SyntheticView.Q q) {
            this.q = q;
        }

        /** The queue served {@code bytes} in {@code busyMillis} of busy time. */
        void served(long bytes, long busyMillis) {
            requests++;
            bytesIn += bytes;
            busyNanos += TimeUnit.MILLISECONDS.toNanos(busyMillis);
        }

        @Override
        public long id() {
            return q.id();
        }

        @Override
        public String driver() {
            return q.driver;
        }

        @Override
        public String device() {
            return q.device();
        }

        @Override
        public Operation operation() {
            return q.operation;
        }

        @Override
        public QueueMode mode() {
            return QueueMode.SHARED;
        }

        @Override
        public int depth() {
            return q.depth;
        }

        @Override
        public long reservedBy() {
            return q.reservedBy;
        }

        @Override
        public long requests() {
            return requests;
        }

        @Override
        public long failed() {
            return 0;
        }

        @Override
        public long bytesIn() {
            return bytesIn;
        }

        @Override
        public long bytesOut() {
            return bytesIn / 2;
        }

        @Override
        public int inFlight() {
            return q.inFlight;
        }

        @Override
        public long busyNanos() {
            return busyNanos;
        }

        @Override
        public long idleNanos() {
            return 0;
        }

        @Override
        public double throughput() {
            return 0;
        }

        @Override
        public long faults() {
            return 0;
        }
    }

    /** The engine's work counters of one consumer and context tag, settable. */
    static final class Work implements ContextUsage {
        final String consumer;
        final String tag;
        final long[] submittedRequests = new long[2];
        final long[] submittedBytes = new long[2];
        final long[] completedRequests = new long[2];
        final long[] completedBytes = new long[2];
        final long[] submittedWork = new long[2];
        final long[] completedWork = new long[2];

        Work(String consumer, String tag) {
            this.consumer = consumer;
            this.tag = tag;
        }

        void submit(Operation op, int requests, long bytesEach) {
            submit(op, requests, bytesEach, bytesEach);
        }

        void complete(Operation op, int requests, long bytesEach) {
            complete(op, requests, bytesEach, bytesEach);
        }

        /** Requests declaring their work ({@code Request.declaredWork}). */
        void submit(Operation op, int requests, long bytesEach, long workEach) {
            submittedRequests[op.ordinal()] += requests;
            submittedBytes[op.ordinal()] += requests * bytesEach;
            submittedWork[op.ordinal()] += requests * workEach;
        }

        void complete(Operation op, int requests, long bytesEach, long workEach) {
            completedRequests[op.ordinal()] += requests;
            completedBytes[op.ordinal()] += requests * bytesEach;
            completedWork[op.ordinal()] += requests * workEach;
        }

        @Override
        public String consumer() {
            return consumer;
        }

        @Override
        public String contextTag() {
            return tag;
        }

        @Override
        public long submittedRequests(Operation op) {
            return submittedRequests[op.ordinal()];
        }

        @Override
        public long submittedBytes(Operation op) {
            return submittedBytes[op.ordinal()];
        }

        @Override
        public long completedRequests(Operation op) {
            return completedRequests[op.ordinal()];
        }

        @Override
        public long completedBytes(Operation op) {
            return completedBytes[op.ordinal()];
        }

        @Override
        public long submittedWork(Operation op) {
            return submittedWork[op.ordinal()];
        }

        @Override
        public long completedWork(Operation op) {
            return completedWork[op.ordinal()];
        }
    }
}
