package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.QueueUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The hypervisor's decisions (seed 004): which context owns which queue, and when contexts
 * are resized. Everything here runs on one thread — the timer's, or a test's — one
 * {@link #tick} at a time, with time from an injected clock; the request path only reads
 * the {@link Assignment} it publishes.
 *
 * <p>Each tick reads the engine's counters (per queue: bytes, busy time, requests; per
 * consumer and context tag: work submitted and completed), lets the application's resizes
 * (tagged completions, the shell) and each context's resize policy set target sizes, then
 * moves queues to meet the targets. A queue changes owner only once it has drained: it is
 * first published as moving (no new request goes there), and handed over at a later look
 * that finds nothing in flight on it — a look made after the moving state was published, so
 * a request admitted before cannot slip in after (the platform asks again once it holds a
 * slot, see {@code Scheduler.admits}).
 */
final class Hypervisor {
    static final int OPS = Assignment.OPS;
    private static final Operation[] OPERATIONS = Operation.values();

    private final LongSupplier clock;
    private final Consumer<String> log;
    private final IdlenessPolicy idleness = new IdlenessPolicy(this);
    private final ThroughputPolicy throughput = new ThroughputPolicy(this);

    private volatile Assignment published = Assignment.EMPTY;
    private volatile TagTriggers triggers = TagTriggers.NONE;

    private final List<ContextState> contexts = new ArrayList<>();
    private final Map<Long, QueueState> queues = new LinkedHashMap<>();
    private ContextMatcher matcher = new ContextMatcher(List.of());
    private int generation;
    private boolean initNeeded;
    private final int[] initCounts = new int[OPS];
    private QueueView view;
    private long lastTick = Long.MIN_VALUE;
    private long now;

    Hypervisor(LongSupplier clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    // ---- any thread ----------------------------------------------------------------------------

    /** What the request path reads. */
    Assignment assignment() {
        return published;
    }

    /** A request with a hypervisor tag completed (completing thread: counts only). */
    void tagCompleted(int tag) {
        triggers.hit(tag);
    }

    // ---- the hypervisor's thread -------------------------------------------------------------------

    /**
     * The valid contexts' configurations; contexts keep their state across changes by name.
     * They take effect at the next {@link #tick}.
     *
     * @return a summary for the log ("contexts: a (THROUGHPUT), b (IDLENESS)")
     */
    String configure(List<ContextSpec> specs) {
        List<ContextSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(ContextSpec::name));
        Map<String, ContextState> old = new HashMap<>();
        for (ContextState c : contexts) {
            old.put(c.name(), c);
        }
        List<ContextState> next = new ArrayList<>();
        boolean sizes = sorted.size() != contexts.size();
        Set<Integer> tags = new HashSet<>();
        for (ContextSpec s : sorted) {
            ContextState c = old.get(s.name());
            if (c == null) {
                c = new ContextState(s);
                sizes = true;
            } else if (c.spec.sizesDiffer(s)) {
                sizes = true;
            }
            c.spec = s;
            next.add(c);
            tags.addAll(s.tagResizes().keySet());
        }
        // Queues owned by contexts that are gone, or whose index changed, are re-mapped by name.
        Map<ContextState, Integer> newIndex = new HashMap<>();
        for (int i = 0; i < next.size(); i++) {
            newIndex.put(next.get(i), i);
        }
        for (QueueState q : queues.values()) {
            q.owner = remap(q.owner, newIndex);
            if (q.moving()) {
                q.movingTo = remap(q.movingTo, newIndex);
                if (q.movingTo == q.owner) {
                    q.movingTo = QueueState.NOT_MOVING;
                }
            }
        }
        contexts.clear();
        contexts.addAll(next);
        matcher = new ContextMatcher(sorted);
        generation++;
        triggers = new TagTriggers(tags, triggers);
        if (sizes) {
            initNeeded = true;
        }
        return "contexts: " + (sorted.isEmpty() ? "none" : String.join(", ", sorted.stream()
                .map(s -> s.name() + " (" + s.policy() + ")").toList()));
    }

    /** An owner index of the old context list, in the new one ({@link Assignment#REMAINDER} if the context is gone). */
    private int remap(int owner, Map<ContextState, Integer> newIndex) {
        if (owner < 0 || owner >= contexts.size()) {
            return owner < 0 ? owner : Assignment.REMAINDER;
        }
        Integer i = newIndex.get(contexts.get(owner));
        return i == null ? Assignment.REMAINDER : i;
    }

    /**
     * One round: measure, decide (unless {@code decide} is false: another policy is active),
     * move, publish, hand over drained queues.
     *
     * @param queueCounters the engine's per-queue counters ({@code UsageStats.queues()})
     * @param work the engine's per-consumer-and-tag work ({@code UsageStats.contexts()})
     */
    void tick(QueueView currentView, List<? extends QueueUsage> queueCounters, List<? extends ContextUsage> work,
            boolean decide) {
        now = clock.getAsLong();
        long elapsed = lastTick == Long.MIN_VALUE ? 0 : now - lastTick;
        lastTick = now;
        view = currentView;
        syncQueues(queueCounters, elapsed);
        measure(work, elapsed);
        if (decide) {
            if (initNeeded || countsChanged()) {
                initTargets();
            }
            applicationResizes();
            idleness.decide(now);
            throughput.decide(now);
            reconcile();
        } else {
            TagTriggers t = triggers;
            for (int tag : t.tags()) {
                t.take(tag); // tagged completions while another policy is active ask for nothing later
            }
        }
        publish();
        if (handOverDrained()) {
            publish();
        }
    }

    private void syncQueues(List<? extends QueueUsage> counters, long elapsed) {
        Map<Long, QueueUsage> byId = new HashMap<>();
        for (QueueUsage u : counters) {
            byId.put(u.id(), u);
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0, n = view == null ? 0 : view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (q.reservedBy() >= 0) {
                continue; // a consumer's own queue: not the hypervisor's to give
            }
            QueueState s = queues.get(q.id());
            if (s == null) {
                s = new QueueState(q, now);
                queues.put(q.id(), s);
            }
            s.info = q;
            s.sample(byId.get(q.id()), now, elapsed);
            seen.add(q.id());
        }
        queues.keySet().retainAll(seen);
    }

    private void measure(List<? extends ContextUsage> work, long elapsed) {
        int n = contexts.size();
        long[][] subR = new long[n][OPS];
        long[][] compR = new long[n][OPS];
        long[][] subB = new long[n][OPS];
        long[][] compB = new long[n][OPS];
        for (ContextUsage u : work) {
            int c = matcher.match(u.consumer(), u.contextTag());
            if (c < 0) {
                continue;
            }
            for (Operation op : OPERATIONS) {
                int o = op.ordinal();
                subR[c][o] += u.submittedRequests(op);
                compR[c][o] += u.completedRequests(op);
                subB[c][o] += u.submittedBytes(op);
                compB[c][o] += u.completedBytes(op);
            }
        }
        for (int c = 0; c < n; c++) {
            contexts.get(c).sample(subR[c], compR[c], subB[c], compB[c], elapsed);
        }
    }

    // ---- sizes -----------------------------------------------------------------------------------

    private boolean countsChanged() {
        for (int op = 0; op < OPS; op++) {
            if (managed(op) != initCounts[op]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts from the configured sizes: contexts with a size get it, the others an equal share of
     * the rest, each within its bounds. Done when the contexts' configuration or the number of
     * queues changes.
     */
    private void initTargets() {
        initNeeded = false;
        int n = contexts.size();
        for (int op = 0; op < OPS; op++) {
            int m = managed(op);
            initCounts[op] = m;
            int fixed = 0;
            int equal = 0;
            for (ContextState c : contexts) {
                if (c.spec.queues() > 0) {
                    fixed += c.spec.clamp(c.spec.queues());
                } else {
                    equal++;
                }
            }
            int share = equal == 0 ? 0 : Math.max(0, m - fixed) / equal;
            int total = 0;
            for (ContextState c : contexts) {
                c.target[op] = c.spec.clamp(c.spec.queues() > 0 ? c.spec.queues() : share);
                total += c.target[op];
            }
            // Not enough queues for what is asked: trim from the last contexts, first to their minimum.
            for (int pass = 0; pass < 2 && total > m; pass++) {
                for (int i = n - 1; i >= 0 && total > m; i--) {
                    ContextState c = contexts.get(i);
                    int floor = pass == 0 ? c.spec.min() : 0;
                    int cut = Math.min(total - m, c.target[op] - floor);
                    if (cut > 0) {
                        c.target[op] -= cut;
                        total -= cut;
                    }
                }
            }
            if (m > 0 && n > 0) {
                int mins = contexts.stream().mapToInt(c -> c.spec.min()).sum();
                if (mins > m) {
                    log.accept("the contexts' minimum sizes need " + mins + " " + name(op) + " queues; " + m
                            + " are open: some contexts get fewer");
                }
            }
        }
        for (ContextState c : contexts) {
            c.lastResize = "initial size " + sizes(c.target);
        }
    }

    /** Application-driven resizes: tagged completions, then those deferred by the minimum time between resizes. */
    private void applicationResizes() {
        TagTriggers t = triggers;
        for (int tag : t.tags()) {
            int hits = t.take(tag);
            if (hits == 0) {
                continue;
            }
            for (int c = 0; c < contexts.size(); c++) {
                SizeChange change = contexts.get(c).spec.tagResizes().get(tag);
                if (change != null) {
                    SizeChange all = change.relative() ? new SizeChange(change.amount() * hits, true) : change;
                    resize(c, all, "hypervisor tag " + tag + " completed" + (hits > 1 ? " (" + hits + " times)" : ""));
                }
            }
        }
        for (int c = 0; c < contexts.size(); c++) {
            ContextState s = contexts.get(c);
            if (s.deferred != null && s.mayResize(now)) {
                SizeChange change = s.deferred;
                s.deferred = null;
                resize(c, change, s.deferredReason);
            }
        }
    }

    /** Resizes a context by name, as the application asks (the shell). */
    String resize(String name, SizeChange change, String reason) {
        now = clock.getAsLong();
        if (initNeeded || countsChanged()) {
            initTargets();
        }
        for (int c = 0; c < contexts.size(); c++) {
            if (contexts.get(c).name().equals(name)) {
                String result = resize(c, change, reason);
                reconcile();
                publish();
                if (handOverDrained()) {
                    publish();
                }
                return result;
            }
        }
        throw new IllegalArgumentException("no context '" + name + "' (present: " + String.join(", ",
                contexts.stream().map(ContextState::name).toList()) + ")");
    }

    /**
     * An application-driven resize of both directions: grows from the queues no context claims,
     * then from contexts above their minimum that may resize now; shrinks to the remainder.
     * Within the minimum time between resizes it waits (the latest size asked wins, changes
     * by N add up).
     */
    private String resize(int c, SizeChange change, String reason) {
        ContextState s = contexts.get(c);
        if (!s.mayResize(now)) {
            if (s.deferred != null && change.relative() && s.deferred.relative()) {
                change = new SizeChange(s.deferred.amount() + change.amount(), true);
            }
            s.deferred = change;
            s.deferredReason = reason;
            long wait = s.spec.resizeIntervalNanos() - (now - s.lastResizeAt);
            return s.name() + ": resize " + change + " deferred by " + millis(wait) + " (minimum time between resizes)";
        }
        int[] before = s.target.clone();
        Map<ContextState, int[]> donors = new LinkedHashMap<>();
        for (int op = 0; op < OPS; op++) {
            int want = s.spec.clamp(change.applyTo(s.target[op]));
            int grow = want - s.target[op];
            if (grow <= 0) {
                s.target[op] = want;
                continue;
            }
            int got = Math.min(grow, unclaimed(op));
            while (got < grow) {
                ContextState donor = donorFor(c, op, donors.keySet());
                if (donor == null) {
                    break;
                }
                donors.computeIfAbsent(donor, d -> d.target.clone());
                donor.target[op]--;
                got++;
            }
            s.target[op] += got;
        }
        for (Map.Entry<ContextState, int[]> d : donors.entrySet()) {
            d.getKey().resized(now, sizes(d.getValue()) + " → " + sizes(d.getKey().target) + " (gave queues to "
                    + s.name() + ": " + reason + ")");
        }
        String what = sizes(before) + " → " + sizes(s.target) + " (" + reason + (donors.isEmpty() ? ""
                : "; from " + String.join(", ", donors.keySet().stream().map(ContextState::name).toList())) + ")";
        s.resized(now, what);
        log.accept("context " + s.name() + ": " + what);
        return s.name() + ": " + what;
    }

    /**
     * The context above its minimum with the most queues to spare that may resize now (or is
     * already giving in this resize), or null.
     */
    private ContextState donorFor(int taker, int op, Set<ContextState> giving) {
        ContextState best = null;
        for (int i = 0; i < contexts.size(); i++) {
            ContextState d = contexts.get(i);
            if (i != taker && d.target[op] > d.spec.min() && (d.mayResize(now) || giving.contains(d))
                    && (best == null || d.target[op] - d.spec.min() > best.target[op] - best.spec.min())) {
                best = d;
            }
        }
        return best;
    }

    // ---- moving queues ------------------------------------------------------------------------------

    /**
     * Moves queues to meet the targets, per direction: contexts above target give their
     * idlest queues, contexts below take them (the largest shortfall first, one at a time, so
     * drivers interleave), then queues no context owns; what is left over goes to the remainder.
     */
    private void reconcile() {
        int n = contexts.size();
        for (int op = 0; op < OPS; op++) {
            List<QueueState> ofOp = new ArrayList<>();
            for (QueueState q : queues.values()) {
                if (q.operation.ordinal() == op) {
                    ofOp.add(q);
                }
            }
            int[] size = new int[n];
            for (QueueState q : ofOp) {
                int d = q.destination();
                if (d >= 0) {
                    size[d]++;
                }
            }
            List<QueueState> pool = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                int excess = size[c] - contexts.get(c).target[op];
                if (excess <= 0) {
                    continue;
                }
                final int ctx = c;
                List<QueueState> mine = new ArrayList<>();
                for (QueueState q : ofOp) {
                    if (q.destination() == ctx) {
                        mine.add(q);
                    }
                }
                // Cheapest to give: one still on its way here, then the idlest.
                mine.sort(Comparator.comparing((QueueState q) -> q.owner == ctx ? 1 : 0)
                        .thenComparingInt(q -> q.info.inFlight()).thenComparingLong(q -> q.lastActive));
                pool.addAll(mine.subList(0, excess));
                size[c] -= excess;
            }
            List<QueueState> free = new ArrayList<>();
            for (QueueState q : ofOp) {
                if (q.destination() == Assignment.REMAINDER) {
                    free.add(q);
                }
            }
            free.sort(Comparator.comparingInt((QueueState q) -> q.info.inFlight())
                    .thenComparingInt(q -> -q.info.driverPriority()).thenComparing(q -> q.info.device())
                    .thenComparingLong(q -> q.id));
            pool.addAll(free);
            Set<QueueState> used = new HashSet<>();
            for (;;) {
                int taker = -1;
                int shortfall = 0;
                for (int c = 0; c < n; c++) {
                    int s = contexts.get(c).target[op] - size[c];
                    if (s > shortfall) {
                        shortfall = s;
                        taker = c;
                    }
                }
                if (taker < 0) {
                    break;
                }
                QueueState q = takeFrom(pool, used, taker);
                if (q == null) {
                    break;
                }
                moveTo(q, taker);
                size[taker]++;
            }
            for (QueueState q : pool) {
                if (!used.contains(q) && q.destination() != Assignment.REMAINDER) {
                    moveTo(q, Assignment.REMAINDER);
                }
            }
        }
    }

    /** The next queue of the pool for a context: one it still owns (its move is simply called off) first. */
    private static QueueState takeFrom(List<QueueState> pool, Set<QueueState> used, int taker) {
        for (QueueState q : pool) {
            if (!used.contains(q) && q.owner == taker) {
                used.add(q);
                return q;
            }
        }
        for (QueueState q : pool) {
            if (!used.contains(q)) {
                used.add(q);
                return q;
            }
        }
        return null;
    }

    private static void moveTo(QueueState q, int destination) {
        q.movingTo = q.owner == destination ? QueueState.NOT_MOVING : destination;
    }

    /**
     * Hands over the moving queues with nothing in flight. Called after the moving state was
     * published: a request that was admitted before holds a slot, so the count read here
     * includes it.
     */
    private boolean handOverDrained() {
        boolean any = false;
        for (QueueState q : queues.values()) {
            if (q.moving() && q.info.inFlight() == 0) {
                q.handOver(now);
                any = true;
            }
        }
        return any;
    }

    private void publish() {
        QueueView v = view;
        int n = contexts.size();
        int size = v == null ? 0 : v.size();
        int[] ownerByIndex = new int[size];
        List<List<Integer>> own = new ArrayList<>();
        List<Set<String>> ownDrivers = new ArrayList<>();
        for (int i = 0; i < n * OPS; i++) {
            own.add(new ArrayList<>());
            ownDrivers.add(new java.util.TreeSet<>());
        }
        List<List<Integer>> remainder = new ArrayList<>();
        List<Set<String>> remainderDrivers = new ArrayList<>();
        for (int op = 0; op < OPS; op++) {
            remainder.add(new ArrayList<>());
            remainderDrivers.add(new java.util.TreeSet<>());
        }
        for (int i = 0; i < size; i++) {
            QueueInfo q = v.get(i);
            QueueState s = queues.get(q.id());
            int owner = s == null ? Assignment.FREE : s.moving() ? Assignment.MOVING : s.owner;
            ownerByIndex[i] = owner;
            int op = q.operation().ordinal();
            if (owner >= 0) {
                own.get(owner * OPS + op).add(i);
                ownDrivers.get(owner * OPS + op).add(q.driver());
            } else if (owner == Assignment.REMAINDER) {
                remainder.get(op).add(i);
                remainderDrivers.get(op).add(q.driver());
            }
        }
        long[] ids = queues.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] ownerOfId = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            QueueState s = queues.get(ids[k]);
            ownerOfId[k] = s.moving() ? Assignment.MOVING : s.owner;
        }
        boolean[] usesRemainder = new boolean[n];
        for (int c = 0; c < n; c++) {
            usesRemainder[c] = contexts.get(c).spec.useRemainder();
        }
        published = new Assignment(generation, matcher, v, ownerByIndex, ids, ownerOfId, toArrays(own),
                toArrays(remainder), toNames(ownDrivers), toNames(remainderDrivers), usesRemainder);
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] a = new int[lists.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return a;
    }

    private static String[][] toNames(List<Set<String>> sets) {
        String[][] a = new String[sets.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = sets.get(i).toArray(new String[0]);
        }
        return a;
    }

    // ---- for the resize policies ------------------------------------------------------------------

    List<ContextState> contexts() {
        return contexts;
    }

    Iterable<QueueState> queues() {
        return queues.values();
    }

    /** Queues of a direction the hypervisor distributes. */
    int managed(int op) {
        int m = 0;
        for (QueueState q : queues.values()) {
            if (q.operation.ordinal() == op) {
                m++;
            }
        }
        return m;
    }

    /** Queues of a direction no context's target claims. */
    int unclaimed(int op) {
        int claimed = 0;
        for (ContextState c : contexts) {
            claimed += c.target[op];
        }
        return Math.max(0, managed(op) - claimed);
    }

    /**
     * Requests of a context waiting for a queue in a direction: pending (submitted, not
     * completed) beyond those in flight on the queues it owns (and the remainder's, if it uses it).
     */
    long waiting(int c, int op) {
        ContextState s = contexts.get(c);
        long inFlight = 0;
        for (QueueState q : queues.values()) {
            if (q.operation.ordinal() == op
                    && (q.owner == c || (q.owner == Assignment.REMAINDER && s.spec.useRemainder()))) {
                inFlight += q.info.inFlight();
            }
        }
        return Math.max(0, s.pending[op] - inFlight);
    }

    /** Queues of a direction a context owns and uses (not moving away). */
    List<QueueState> owned(int c, int op) {
        List<QueueState> list = new ArrayList<>();
        for (QueueState q : queues.values()) {
            if (q.operation.ordinal() == op && q.owner == c && !q.moving()) {
                list.add(q);
            }
        }
        return list;
    }

    static String name(int op) {
        return OPERATIONS[op].name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "compress 3, decompress 2". */
    static String sizes(int[] perOp) {
        StringBuilder b = new StringBuilder();
        for (int op = 0; op < OPS; op++) {
            b.append(op == 0 ? "" : ", ").append(name(op)).append(' ').append(perOp[op]);
        }
        return b.toString();
    }

    static String millis(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return ms >= 10_000 ? ms / 1000 + " s" : ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0)
                : ms + " ms";
    }

    /** "12.0 MiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    void tolerance(double value) {
        throughput.tolerance(value);
    }

    void logInfo(String message) {
        log.accept(message);
    }

    // ---- what the shell shows ----------------------------------------------------------------------

    HypervisorReport report() {
        long t = clock.getAsLong();
        List<HypervisorReport.Context> list = new ArrayList<>();
        for (int c = 0; c < contexts.size(); c++) {
            ContextState s = contexts.get(c);
            List<HypervisorReport.Queue> qs = new ArrayList<>();
            long longestIdle = 0;
            for (QueueState q : queues.values()) {
                boolean mine = q.owner == c;
                boolean coming = q.movingTo == c;
                if (!mine && !coming) {
                    continue;
                }
                String state = coming ? "moving in" : q.moving() ? "moving out" : "";
                qs.add(new HypervisorReport.Queue(q.id, q.info.driver(), q.info.device(), q.operation, state,
                        q.info.inFlight(), q.idleNanos(t)));
                if (mine && !q.moving()) {
                    longestIdle = Math.max(longestIdle, q.idleNanos(t));
                }
            }
            qs.sort(Comparator.comparing(HypervisorReport.Queue::operation).thenComparingLong(HypervisorReport.Queue::id));
            long pending = 0;
            for (long p : s.pending) {
                pending += p;
            }
            list.add(new HypervisorReport.Context(s.name(), s.spec, s.target.clone(), qs, s.progress, longestIdle,
                    s.done(), s.remaining(), pending, s.lastResize, s.lastResizeAt == Long.MIN_VALUE ? -1
                            : t - s.lastResizeAt));
        }
        int[] remainder = new int[OPS];
        for (QueueState q : queues.values()) {
            if (q.owner == Assignment.REMAINDER && !q.moving()) {
                remainder[q.operation.ordinal()]++;
            }
        }
        return new HypervisorReport(list, remainder);
    }
}
