package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.SchedSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which context owns which queue, as published for the request path: immutable, replaced as a
 * whole by the hypervisor's thread, read without locks. Placement rules: a request of a
 * context goes to its context's queues, then (if the context uses it) to the remainder, the
 * queues no context owns; a request of no context goes to the remainder, or anywhere while the
 * remainder has no queue for it. A queue that is moving between owners takes no new request.
 * Contexts confine the hardware, never AUTO's way out: an AUTO request that finds no room on the
 * queues its context may use is admitted to every CPU queue not on its way to another owner, so it
 * never waits for hardware (a HARDWARE_ONLY request waits for its own queues). Nothing here
 * allocates except a session's first membership.
 */
final class Assignment {
    static final int REMAINDER = -1;
    static final int MOVING = -2;
    /** A queue the hypervisor does not manage (reserved by a consumer): the platform's rules alone apply. */
    static final int FREE = -3;
    static final int OPS = Operation.values().length;

    static final Assignment EMPTY = new Assignment(0, new ContextMatcher(java.util.List.of()), null, new int[0],
            new long[0], new int[0], new int[0][], new int[OPS][0], new String[0][], new String[OPS][0], new boolean[0], Events.NONE);

    final int generation;
    final ContextMatcher matcher;
    /** The view this assignment was built on; another view (queues came or went) takes the slow path. */
    final QueueView view;
    private final int[] ownerByIndex;
    private final long[] ids;
    private final int[] ownerOfId;
    /** [context * OPS + operation]: view indices of the queues the context owns and uses. */
    private final int[][] own;
    /** [operation]: view indices of the remainder's queues. */
    private final int[][] remainder;
    private final String[][] ownDrivers;
    private final String[][] remainderDrivers;
    private final boolean[] usesRemainder;
    private final Events events;
    final int contexts;

    Assignment(int generation, ContextMatcher matcher, QueueView view, int[] ownerByIndex, long[] ids, int[] ownerOfId,
            int[][] own, int[][] remainder, String[][] ownDrivers, String[][] remainderDrivers, boolean[] usesRemainder,
            Events events) {
        this.generation = generation;
        this.matcher = matcher;
        this.view = view;
        this.ownerByIndex = ownerByIndex;
        this.ids = ids;
        this.ownerOfId = ownerOfId;
        this.own = own;
        this.remainder = remainder;
        this.ownDrivers = ownDrivers;
        this.remainderDrivers = remainderDrivers;
        this.usesRemainder = usesRemainder;
        this.events = events;
        this.contexts = usesRemainder.length;
    }

    /** Loads the classes the request path needs beyond this one (the platform times every pick). */
    static void preload() {
        new Membership(0, ContextMatcher.OUTSIDE).context();
    }

    // ---- request path ----------------------------------------------------------------------

    QueueInfo pick(SchedKey key, QueueView v) {
        if (contexts == 0) {
            return bestOfAll(key, v, false);
        }
        if (v != view) {
            return bestOfAll(key, v, true);
        }
        QueueInfo q = confinedPick(key, v);
        return q != null || key.fallback() != FallbackPolicy.AUTO ? q : bestCpu(key, v);
    }

    private QueueInfo confinedPick(SchedKey key, QueueView v) {
        int op = key.operation().ordinal();
        int c = groupOf(key, op);
        if (c >= 0) {
            QueueInfo q = best(key, v, own[c * OPS + op]);
            if (q == null && usesRemainder[c]) {
                q = best(key, v, remainder[op]);
            }
            if (q == null) {
                events.raise(Events.STARVED); // work waiting on the context: the idleness strategy can act now
            }
            return q;
        }
        QueueInfo q = best(key, v, remainder[op]);
        return q != null || !remainderLacks(op, key.requiredDriver()) ? q : bestOfAll(key, v, true);
    }

    /**
     * AUTO's way out when its context's queues are full: the CPU queue predicted to finish first,
     * whoever owns it — but one on its way to another owner, which must drain to be handed over.
     */
    private QueueInfo bestCpu(SchedKey key, QueueView v) {
        QueueInfo best = null;
        long bestFinish = 0;
        for (int i = 0, n = v.size(); i < n; i++) {
            QueueInfo q = v.get(i);
            if (!q.calcType().isHardware() && q.canTake(key) && ownerOf(q) != MOVING) {
                long finish = q.predictedFinishNanos(key);
                if (better(q, finish, best, bestFinish)) {
                    best = q;
                    bestFinish = finish;
                }
            }
        }
        return best;
    }

    boolean admits(SchedKey key, QueueInfo q) {
        if (contexts == 0) {
            return true;
        }
        int owner = ownerOf(q);
        if (owner == FREE) {
            return true;
        }
        if (owner == MOVING) {
            return false;
        }
        if (key.fallback() == FallbackPolicy.AUTO && !q.calcType().isHardware()) {
            return true; // the CPU is everyone's way out
        }
        int op = key.operation().ordinal();
        int c = groupOf(key, op);
        if (c >= 0) {
            return owner == c || (owner == REMAINDER && usesRemainder[c]);
        }
        return owner == REMAINDER || remainderLacks(op, key.requiredDriver());
    }

    /** The context of the request's session, remembered in the session's policy state. */
    int contextOf(SchedKey key) {
        SchedSession s = key.session();
        if (s != null && s.policyState() instanceof Membership m && m.generation() == generation) {
            return m.context();
        }
        int c = matcher.match(key.consumer(), key.contextTag());
        if (s != null) {
            s.policyState(new Membership(generation, c));
        }
        return c;
    }

    /**
     * The context whose queues the request may use; {@link ContextMatcher#OUTSIDE} for the
     * remainder rules — also for a stream bound to a driver its context has no queue of (it
     * must not wait forever for one).
     */
    private int groupOf(SchedKey key, int op) {
        int c = contextOf(key);
        if (c < 0) {
            return ContextMatcher.OUTSIDE;
        }
        String required = key.requiredDriver();
        if (required != null && !contains(ownDrivers[c * OPS + op], required)
                && !(usesRemainder[c] && contains(remainderDrivers[op], required))) {
            return ContextMatcher.OUTSIDE;
        }
        return c;
    }

    /** True when the remainder has no queue of the direction (of the required driver, if any). */
    private boolean remainderLacks(int op, String requiredDriver) {
        String[] drivers = remainderDrivers[op];
        return requiredDriver == null ? drivers.length == 0 : !contains(drivers, requiredDriver);
    }

    int ownerOf(QueueInfo q) {
        QueueView v = view;
        int i = q.index();
        if (v != null && i >= 0 && i < ownerByIndex.length && v.get(i) == q) {
            return ownerByIndex[i];
        }
        int k = Arrays.binarySearch(ids, q.id());
        if (k >= 0) {
            return ownerOfId[k];
        }
        return q.reservedBy() >= 0 ? FREE : REMAINDER; // opened since the last tick: the remainder's for now
    }

    /** Highest driver priority (hardware first), then fewest jobs in flight. */
    private static QueueInfo best(SchedKey key, QueueView v, int[] indices) {
        QueueInfo best = null;
        long bestFinish = 0;
        for (int i : indices) {
            QueueInfo q = v.get(i);
            if (q.canTake(key)) {
                long finish = q.predictedFinishNanos(key);
                if (better(q, finish, best, bestFinish)) {
                    best = q;
                    bestFinish = finish;
                }
            }
        }
        return best;
    }

    private QueueInfo bestOfAll(SchedKey key, QueueView v, boolean checkAdmission) {
        QueueInfo best = null;
        long bestFinish = 0;
        for (int i = 0, n = v.size(); i < n; i++) {
            QueueInfo q = v.get(i);
            if (q.canTake(key) && (!checkAdmission || admits(key, q))) {
                long finish = q.predictedFinishNanos(key);
                if (better(q, finish, best, bestFinish)) {
                    best = q;
                    bestFinish = finish;
                }
            }
        }
        return best;
    }

    /** Within the queues a context may use: the soonest predicted finish, then driver priority, then fewer in flight. */
    private static boolean better(QueueInfo q, long finish, QueueInfo best, long bestFinish) {
        if (best == null) {
            return true;
        }
        if (finish != bestFinish) {
            return finish < bestFinish;
        }
        return q.driverPriority() > best.driverPriority()
                || (q.driverPriority() == best.driverPriority() && q.inFlight() < best.inFlight());
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- built by the hypervisor's thread ----------------------------------------------------------

    /** The assignment of the queues of {@code v} as the hypervisor's state says. */
    static Assignment of(int generation, ContextMatcher matcher, QueueView v, List<ContextState> contexts,
            Map<Long, QueueState> queues, Events events) {
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
        return new Assignment(generation, matcher, v, ownerByIndex, ids, ownerOfId, toArrays(own),
                toArrays(remainder), toNames(ownDrivers), toNames(remainderDrivers), usesRemainder,
                events);
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
}
