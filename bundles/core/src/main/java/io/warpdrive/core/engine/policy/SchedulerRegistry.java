package io.warpdrive.core.engine.policy;

import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.core.engine.EngineLog;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.queue.QueueViewImpl;
import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.SchedSession;
import io.warpdrive.sched.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Constants;

/**
 * The scheduling policies present and the one in use: the highest {@code service.ranking}
 * that is not demoted. Swapping is one volatile write, so a request uses either the old
 * or the new policy and requests in flight are untouched. A policy is untrusted: a pick
 * that throws, overruns its budget or returns an unusable queue is served by the
 * built-in pick and counted; repeated faults demote the policy until it is replaced.
 */
public final class SchedulerRegistry {
    /** Service property of a policy naming its configuration PID. */
    static final String PID_PROPERTY = "scheduler.pid";
    private static final long WARMUP_PICKS = 1000;
    /** One pick in this many (a power of two) is timed against the budget. */
    private static final int TIMED_PICKS = 8;
    /** Timed picks over budget in a row before the platform warns: one alone is mostly the host preempting the thread. */
    private static final int OVERRUNS_TO_WARN = 3;
    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.ranking)
            .thenComparingLong(e -> e.serviceId);

    private final EngineLog log;
    private final BuiltinPick builtin = new BuiltinPick();
    private final LongAdder builtinPicks = new LongAdder();
    private volatile Entry[] entries = new Entry[0];
    private volatile Entry active;
    private volatile String selected;

    public SchedulerRegistry(EngineLog log) {
        this.log = log;
    }

    /** One policy service as tracked by the engine. */
    static final class Entry implements SchedulerInfo {
        final Scheduler scheduler;
        final long serviceId;
        final int ranking;
        final String name;
        /** Its configuration PID (service property {@value SchedulerRegistry#PID_PROPERTY}), or null. */
        final String pid;
        final LongAdder picks = new LongAdder();
        final LongAdder faults = new LongAdder();
        final AtomicInteger consecutiveFaults = new AtomicInteger();
        volatile boolean demoted;
        volatile boolean isActive;
        /** It keeps the interface's {@code admits} (every request everywhere): a pick need not ask it per queue. */
        final boolean admitsEverything;

        Entry(Scheduler scheduler, long serviceId, int ranking, String name, String pid) {
            this.scheduler = scheduler;
            this.admitsEverything = !overridesAdmits(scheduler);
            this.serviceId = serviceId;
            this.ranking = ranking;
            this.name = name;
            this.pid = pid;
        }

        /**
         * A new policy's first picks run interpreted and load classes: overrunning the
         * budget then is not held against it. Counted in picks, not time since it was bound: a
         * platform may sit idle (or calibrate) for seconds before its first request, and that
         * first request's pick is still cold.
         */
        boolean warmingUp() {
            return picks.sum() < WARMUP_PICKS;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int ranking() {
            return ranking;
        }

        @Override
        public boolean active() {
            return isActive;
        }

        @Override
        public boolean demoted() {
            return demoted;
        }

        @Override
        public long faults() {
            return faults.sum();
        }

        @Override
        public long picks() {
            return picks.sum();
        }
    }

    // ---- membership (rare; synchronized) ------------------------------------------------------

    public synchronized void add(Scheduler s, Map<String, ?> props) {
        List<Entry> list = new ArrayList<>(Arrays.asList(entries));
        list.removeIf(e -> e.scheduler == s);
        Object pid = props == null ? null : props.get(PID_PROPERTY);
        list.add(new Entry(s, serviceId(props), ranking(props), nameOf(s), pid instanceof String ? (String) pid : null));
        publish(list);
    }

    public synchronized void remove(Scheduler s) {
        List<Entry> list = new ArrayList<>(Arrays.asList(entries));
        if (list.removeIf(e -> e.scheduler == s)) {
            publish(list);
        }
    }

    private void publish(List<Entry> list) {
        list.sort(ORDER);
        entries = list.toArray(new Entry[0]);
        elect();
    }

    /**
     * Chooses a policy by name (the engine's {@code scheduler.policy}): while it is present and
     * not demoted it serves, whatever the rankings; null or empty goes back to the ranking.
     * Rankings are never changed, so the choice is undone by clearing it, not by re-ranking.
     */
    public synchronized void select(String name) {
        String value = name == null || name.isBlank() ? null : name.trim();
        if (!java.util.Objects.equals(value, selected)) {
            selected = value;
            elect();
        }
    }

    /** The policy chosen by name, or null when the highest ranking decides. */
    public String selected() {
        return selected;
    }

    /**
     * Makes the chosen policy the active one if it is present and not demoted, else the
     * highest-ranked one that is not demoted.
     */
    private void elect() {
        Entry next = null;
        for (Entry e : entries) {
            if (!e.demoted && e.name.equals(selected)) {
                next = e;
                break;
            }
        }
        for (int i = 0; next == null && i < entries.length; i++) {
            if (!entries[i].demoted) {
                next = entries[i];
            }
        }
        Entry previous = active;
        if (next != previous) {
            if (previous != null) {
                previous.isActive = false;
            }
            if (next != null) {
                next.isActive = true;
            }
            active = next;
            if (next == null) {
                log.info("scheduling policy: none present, the built-in pick serves every request");
            } else {
                log.info("scheduling policy: " + next.name + (next.name.equals(selected) ? " (chosen by name"
                        : " (ranking " + next.ranking) + ")"
                        + (previous == null ? "" : ", replacing " + previous.name));
            }
        }
    }

    private synchronized void demote(Entry e, String lastFault) {
        if (e.demoted) {
            return;
        }
        e.demoted = true;
        log.warn("scheduling policy " + e.name + " demoted after " + e.consecutiveFaults.get()
                + " consecutive faults (last: " + lastFault + "); it stays demoted until replaced");
        elect();
    }

    // ---- request path ---------------------------------------------------------------------------

    /** The queue for a request, from the active policy if it gives a usable one, else the built-in pick. */
    public EngineQueue pick(RequestKey key, QueueViewImpl view, Settings st) {
        Entry e = active;
        if (e != null) {
            QueueInfo picked = null;
            String fault = null;
            String kind = null;
            // Timing every pick would cost two clock reads, as much as a small pick itself: one
            // in TIMED_PICKS is timed, which still finds a policy that is slow as a rule.
            boolean timed = (ThreadLocalRandom.current().nextInt() & (TIMED_PICKS - 1)) == 0;
            long start = timed ? System.nanoTime() : 0;
            try {
                picked = e.scheduler.pick(key, view);
            } catch (Throwable t) {
                fault = "pick threw " + t;
                kind = "threw";
            }
            long took = timed ? System.nanoTime() - start : 0;
            boolean overran = false;
            if (fault == null) {
                overran = took > st.schedulerBudgetNanos() && !e.warmingUp();
                if (picked != null && !(view.contains(picked) && ((EngineQueue) picked).mayTakeBesidesPolicy(key))) {
                    // Room and the policy's own admission are not checked: a queue another thread filled since the policy read it is a
                    // race the dispatcher settles (it takes a slot or picks again), not the policy's fault.
                    fault = "pick returned a queue that cannot take the request (" + picked + ")";
                    kind = "unusable";
                }
            }
            if (fault == null) {
                e.picks.increment();
                if (overran) {
                    overran(e, took, st);
                } else if (timed && e.consecutiveFaults.get() != 0) {
                    e.consecutiveFaults.set(0); // only a timed pick shows the policy is within budget again
                }
                if (picked != null || key.fallback() != FallbackPolicy.AUTO) {
                    return (EngineQueue) picked;
                }
                // AUTO never stalls while some queue has room, whatever the policy says.
            } else {
                fault(e, kind, fault, st);
            }
        }
        builtinPicks.increment();
        return builtin.pick(key, view);
    }

    /**
     * A timed pick took longer than the budget. Its queue is still used (the time is spent
     * either way), and it counts as a fault; one overrun alone is most often the host taking the
     * thread's core away in the middle of the pick, so the warning waits for
     * {@value #OVERRUNS_TO_WARN} timed picks in a row over budget, a policy slow as a rule.
     */
    private void overran(Entry e, long took, Settings st) {
        e.faults.increment();
        int inARow = e.consecutiveFaults.incrementAndGet();
        String what = "pick took " + took / 1000 + " µs (budget " + st.schedulerBudgetNanos() / 1000 + " µs)";
        if (inARow >= OVERRUNS_TO_WARN) {
            log.warnOnce("policy-fault:" + e.serviceId + ":overran", "scheduling policy " + e.name + ": " + inARow
                    + " timed picks in a row over budget, the last " + what
                    + " (further overruns are counted, not logged)");
        }
        if (inARow >= st.schedulerFaultLimit()) {
            demote(e, what);
        }
    }

    /** Counts a fault; warns once per policy and kind of fault (the count shows in wd:sched). */
    private void fault(Entry e, String kind, String what, Settings st) {
        e.faults.increment();
        log.warnOnce("policy-fault:" + e.serviceId + ":" + kind, "scheduling policy " + e.name + ": " + what
                + "; the built-in pick served the request (further faults of this kind are counted, not logged)");
        if (e.consecutiveFaults.incrementAndGet() >= st.schedulerFaultLimit()) {
            demote(e, what);
        }
    }

    /**
     * Whether the active policy lets the request onto the queue (every request everywhere when
     * none is active). A policy whose admits throws is taken to admit: it must not wedge the
     * platform's own fallbacks.
     */
    public boolean admits(RequestKey key, EngineQueue q) {
        Entry e = active;
        if (e == null) {
            return true;
        }
        try {
            return e.scheduler.admits(key, q);
        } catch (Throwable t) {
            e.faults.increment();
            log.warnOnce("admits-fault:" + e.serviceId, "scheduling policy " + e.name + ": admits threw " + t
                    + "; the request was admitted (further faults of this kind are counted, not logged)");
            return true;
        }
    }

    /** The active policy, if any, admits every request everywhere: it has no {@code admits} of its own. */
    public boolean admitsEverything() {
        Entry e = active;
        return e == null || e.admitsEverything;
    }

    private static boolean overridesAdmits(Scheduler s) {
        try {
            return s.getClass().getMethod("admits", io.warpdrive.sched.SchedKey.class, QueueInfo.class)
                    .getDeclaringClass() != Scheduler.class;
        } catch (NoSuchMethodException | RuntimeException e) {
            return true; // cannot tell: ask it
        }
    }

    /** The active policy's polling order, or every polled queue with jobs in flight. */
    public int pollOrder(QueueViewImpl view, QueueInfo[] order) {
        Entry e = active;
        if (e != null) {
            try {
                int n = e.scheduler.pollOrder(view, order);
                if (n >= 0 && n <= order.length) {
                    return n;
                }
            } catch (Throwable t) {
                log.warnOnce("poll-fault:" + e.serviceId, "scheduling policy " + e.name + ": pollOrder threw " + t);
            }
        }
        return DEFAULT_POLL_ORDER.pollOrder(view, order);
    }

    public void sessionClosed(SchedSession session) {
        Entry e = active;
        if (e != null) {
            try {
                e.scheduler.sessionClosed(session);
            } catch (Throwable t) {
                log.warnOnce("session-fault:" + e.serviceId,
                        "scheduling policy " + e.name + ": sessionClosed threw " + t);
            }
        }
    }

    /** Identity of the active policy; session state set under another policy is not visible. */
    public Object activeScheduler() {
        return active;
    }

    /** Under the membership lock, so a policy shown demoted is never still shown active. */
    public synchronized List<SchedulerInfo> infos() {
        Entry[] all = entries;
        List<SchedulerInfo> list = new ArrayList<>(all.length);
        Entry a = active;
        if (a != null) {
            list.add(a);
        }
        for (Entry e : all) {
            if (e != a) {
                list.add(e);
            }
        }
        return list;
    }

    /** Every policy present, highest ranked first. */
    Entry[] entries() {
        return entries;
    }

    public long builtinPicks() {
        return builtinPicks.sum();
    }

    private static final Scheduler DEFAULT_POLL_ORDER = new Scheduler() {
        @Override
        public String name() {
            return "default poll order";
        }

        @Override
        public QueueInfo pick(io.warpdrive.sched.SchedKey key, io.warpdrive.sched.QueueView view) {
            return null;
        }
    };

    private static long serviceId(Map<String, ?> props) {
        Object id = props == null ? null : props.get(Constants.SERVICE_ID);
        return id instanceof Long ? (Long) id : System.identityHashCode(props);
    }

    private static int ranking(Map<String, ?> props) {
        Object r = props == null ? null : props.get(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    private String nameOf(Scheduler s) {
        try {
            String n = s.name();
            return n == null || n.isBlank() ? s.getClass().getName() : n;
        } catch (Throwable t) {
            log.warn("scheduling policy " + s.getClass().getName() + ": name() threw " + t);
            return s.getClass().getName();
        }
    }
}
