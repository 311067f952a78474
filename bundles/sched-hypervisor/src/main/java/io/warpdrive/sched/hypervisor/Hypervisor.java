package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageThresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The hypervisor's decisions: which context owns which queue, and when contexts
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
    private final ApplicationPolicy application = new ApplicationPolicy(this);
    private final Strategies strategies;
    private final Events events;
    /** Rounds asked for by events, per kind (bit): how often the hypervisor did not wait for its tick. */
    private final long[] eventRounds = new long[Events.KINDS];
    private final QueueMover mover = new QueueMover();

    private volatile Assignment published = Assignment.EMPTY;
    private volatile TagTriggers triggers = TagTriggers.NONE;
    private volatile ContextWatches watches = ContextWatches.NONE;

    private final List<ContextState> contexts = new ArrayList<>();
    private final Map<Long, QueueState> queues = new LinkedHashMap<>();
    private ContextMatcher matcher = new ContextMatcher(List.of());
    private int generation;
    private boolean initNeeded;
    private final int[] initCounts = new int[OPS];
    private QueueView view;
    private long lastTick = Long.MIN_VALUE;
    private long now;

    Hypervisor(LongSupplier clock, Consumer<String> log, Strategies strategies, Events events) {
        this.clock = clock;
        this.log = log;
        this.strategies = strategies;
        this.events = events;
    }

    // ---- any thread ----------------------------------------------------------------------------

    /** What the request path reads. */
    Assignment assignment() {
        return published;
    }

    /** A request with a hypervisor tag completed (completing thread: counts only). */
    void tagCompleted(int tag) {
        if (triggers.hit(tag)) {
            events.raise(Events.TAGGED);
        }
    }

    /** What the engine is to watch for a consumer's work under a context tag: its context's thresholds. */
    UsageThresholds thresholds(String consumer, String contextTag) {
        return watches.thresholds(consumer, contextTag);
    }

    /** The engine pushed a crossing (any thread): a round at once if the work is some context's. */
    void crossed(UsageEvent event, String consumer, String contextTag) {
        if (watches.inContext(consumer, contextTag)) {
            events.raise(Events.of(event));
        }
    }

    /** A round asked for by events (the bits of {@link Events}) rather than the tick: counted for the report. */
    void eventRound(int kinds) {
        for (int bit = 0; bit < eventRounds.length; bit++) {
            if ((kinds & (1 << bit)) != 0) {
                eventRounds[bit]++;
            }
        }
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
        watches = new ContextWatches(matcher, sorted);
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
            application.decide(now);
            strategies.run(this, now, clock, log);
            applyDue();
            mover.reconcile(contexts, queues.values());
        } else {
            TagTriggers t = triggers;
            for (int tag : t.tags()) {
                t.take(tag); // tagged completions while another policy is active ask for nothing later
            }
        }
        publish();
        if (QueueMover.handOverDrained(queues.values(), now)) {
            publish();
        }
    }

    private void publish() {
        published = Assignment.of(generation, matcher, view, contexts, queues, events);
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
        long[][] subW = new long[n][OPS];
        long[][] compW = new long[n][OPS];
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
                subW[c][o] += u.submittedWork(op);
                compW[c][o] += u.completedWork(op);
            }
        }
        for (int c = 0; c < n; c++) {
            contexts.get(c).sample(subR[c], compR[c], subB[c], compB[c], subW[c], compW[c], elapsed);
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
                    log.accept("the contexts' minimum sizes need " + mins + " " + Texts.name(op) + " queues; " + m
                            + " are open: some contexts get fewer");
                }
            }
        }
        for (ContextState c : contexts) {
            c.applyNow();
            c.lastResize = "initial size " + Texts.sizes(c.target);
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
                String result = application.resize(c, change, reason, now);
                applyDue();
                mover.reconcile(contexts, queues.values());
                publish();
                if (QueueMover.handOverDrained(queues.values(), now)) {
                    publish();
                }
                return result;
            }
        }
        throw new IllegalArgumentException("no context '" + name + "' (present: " + String.join(", ",
                contexts.stream().map(ContextState::name).toList()) + ")");
    }

    // ---- moving queues ------------------------------------------------------------------------------

    /** Resizes whose time to apply has come take effect (the mover meets the applied sizes). */
    private void applyDue() {
        for (ContextState c : contexts) {
            c.applyDue(now);
        }
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

    TagTriggers triggers() {
        return triggers;
    }

    /** The contexts' minimum sizes, summed (per direction). */
    int minimums() {
        int sum = 0;
        for (ContextState c : contexts) {
            sum += c.spec.min();
        }
        return sum;
    }

    void logInfo(String message) {
        log.accept(message);
    }

    /** What {@code wd:contexts} shows. */
    HypervisorReport report() {
        return HypervisorReport.of(contexts, queues.values(), clock.getAsLong(), strategies, eventRounds.clone());
    }
}
