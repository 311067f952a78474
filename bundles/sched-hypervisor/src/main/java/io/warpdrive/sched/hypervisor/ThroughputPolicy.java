package io.warpdrive.sched.hypervisor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The throughput strategy (StarPU's "gflops rate" policy, with bytes for flops):
 * the THROUGHPUT contexts that declared their work share their queues so that all are
 * expected to finish at the same time. A context's expected finish is its remaining work
 * over the speed of its queues — each queue's input bytes per second of busy time, measured
 * from the engine's counters — times their number. The plan gives each queue in turn to the
 * context expected to finish last (which minimises the latest finish); a context whose
 * declared work is done keeps its minimum (its queues go to those still working). It re-plans when the set of contexts still working
 * or their declared work changes, and when the expected finish times drift apart by more than
 * the tolerance (a context fell behind) and a plan would bring the latest finish closer.
 * A context working in both directions has its remaining work split between them in the
 * proportion it submitted.
 */
final class ThroughputPolicy {
    private final Hypervisor h;
    private double tolerance = 0.05;
    private String epoch = "";

    ThroughputPolicy(Hypervisor h) {
        this.h = h;
    }

    /** Relative spread of expected finish times beyond which a plan is made again. */
    void tolerance(double value) {
        tolerance = value;
    }

    void decide(long now) {
        List<ContextState> contexts = h.contexts();
        List<Integer> members = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        for (int c = 0; c < contexts.size(); c++) {
            ContextState s = contexts.get(c);
            if (s.spec.policy() == ResizePolicy.THROUGHPUT && s.spec.workBytes() > 0) {
                members.add(c);
                fingerprint.append(s.name()).append(':').append(s.spec.workBytes()).append(':')
                        .append(s.remaining() == 0).append(';');
            }
        }
        if (members.isEmpty()) {
            epoch = "";
            return;
        }
        for (int op = 0; op < Hypervisor.OPS; op++) {
            fingerprint.append(h.managed(op)).append(';');
        }
        boolean newEpoch = !fingerprint.toString().equals(epoch);
        int[][] plan = new int[members.size()][Hypervisor.OPS];
        double spreadNow = 0;
        double latestNow = 0;
        double latestPlan = 0;
        boolean changes = false;
        for (int op = 0; op < Hypervisor.OPS; op++) {
            int pool = 0;
            double[] need = new double[members.size()];
            int[] lo = new int[members.size()];
            int[] hi = new int[members.size()];
            int[] current = new int[members.size()];
            for (int i = 0; i < members.size(); i++) {
                ContextState s = contexts.get(members.get(i));
                pool += s.target[op];
                current[i] = s.target[op];
                double work = s.remaining() * share(s, op);
                need[i] = work / speed(members.get(i), op);
                lo[i] = s.spec.min();
                hi[i] = s.spec.upper();
            }
            int[] planned = apportion(pool, need, lo, hi, current);
            for (int i = 0; i < members.size(); i++) {
                plan[i][op] = planned[i];
                changes |= planned[i] != current[i];
            }
            double[] finishNow = finishTimes(need, current);
            double[] finishPlan = finishTimes(need, planned);
            latestNow = Math.max(latestNow, max(finishNow));
            latestPlan = Math.max(latestPlan, max(finishPlan));
            spreadNow = Math.max(spreadNow, spread(finishNow));
        }
        if (!changes) {
            epoch = fingerprint.toString();
            return;
        }
        boolean behind = spreadNow > tolerance && latestPlan < latestNow * (1 - tolerance / 2);
        if (!newEpoch && !behind) {
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            ContextState s = contexts.get(members.get(i));
            if (!Arrays.equals(plan[i], s.target) && !s.mayResize(now)) {
                return; // within someone's minimum time between resizes: plan again at a later tick
            }
        }
        String why = newEpoch ? "throughput plan" : String.format(Locale.ROOT,
                "throughput re-plan: expected finish times %.0f%% apart (tolerance %.0f%%)", spreadNow * 100,
                tolerance * 100);
        for (int i = 0; i < members.size(); i++) {
            ContextState s = contexts.get(members.get(i));
            if (Arrays.equals(plan[i], s.target)) {
                continue;
            }
            String what = Texts.sizes(s.target) + " → " + Texts.sizes(plan[i]) + " (" + why + "; "
                    + (s.remaining() == 0 ? "its declared work is done" : Texts.bytes(s.remaining()) + " left")
                    + ")";
            System.arraycopy(plan[i], 0, s.target, 0, Hypervisor.OPS);
            s.resized(now, what);
            h.logInfo("context " + s.name() + ": " + what);
        }
        epoch = fingerprint.toString();
    }

    /** Share of a context's remaining work in a direction: as it submitted so far (all of it in each before). */
    private static double share(ContextState s, int op) {
        long total = 0;
        for (long b : s.submittedBytes) {
            total += b;
        }
        return total == 0 ? 1 : (double) s.submittedBytes[op] / total;
    }

    /**
     * Bytes per second of busy time of the context's queues in a direction (their average); of
     * all queues of the direction when its own are not measured yet; 1 when nothing is.
     */
    private double speed(int c, int op) {
        double own = 0;
        int ownN = 0;
        double all = 0;
        int allN = 0;
        for (QueueState q : h.queues()) {
            if (q.operation.ordinal() != op || q.speed <= 0) {
                continue;
            }
            all += q.speed;
            allN++;
            if (q.owner == c) {
                own += q.speed;
                ownN++;
            }
        }
        return ownN > 0 ? own / ownN : allN > 0 ? all / allN : 1;
    }

    /**
     * Queues for each context: its minimum, then each remaining queue to the context expected to
     * finish last ({@code need / queues}), within its maximum. Greedy is optimal here: the
     * expected finish only falls as queues are added. Queues nobody with work left can take
     * (all at their maximum, or no work in this direction) stay where they are, as far as
     * bounds allow; only what is left then goes to the remainder.
     */
    static int[] apportion(int pool, double[] need, int[] lo, int[] hi, int[] current) {
        int n = need.length;
        int[] x = lo.clone();
        int used = Arrays.stream(x).sum();
        while (used > pool) { // not even the minimums fit: trim the smallest needs first
            int cut = -1;
            for (int i = 0; i < n; i++) {
                if (x[i] > 0 && (cut < 0 || need[i] < need[cut])) {
                    cut = i;
                }
            }
            x[cut]--;
            used--;
        }
        while (used < pool) {
            int best = -1;
            double latest = -1;
            for (int i = 0; i < n; i++) {
                if (x[i] >= hi[i] || need[i] <= 0) {
                    continue;
                }
                double finish = x[i] == 0 ? Double.POSITIVE_INFINITY : need[i] / x[i];
                if (finish > latest) {
                    latest = finish;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            x[best]++;
            used++;
        }
        for (int i = 0; i < n && used < pool; i++) {
            int keep = Math.min(Math.min(current[i], hi[i]) - x[i], pool - used);
            if (keep > 0) {
                x[i] += keep;
                used += keep;
            }
        }
        return x;
    }

    private static double[] finishTimes(double[] need, int[] queues) {
        double[] t = new double[need.length];
        for (int i = 0; i < need.length; i++) {
            t[i] = need[i] <= 0 ? 0 : queues[i] == 0 ? Double.POSITIVE_INFINITY : need[i] / queues[i];
        }
        return t;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** (latest − earliest) / latest among the contexts with work left. */
    static double spread(double[] finish) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double f : finish) {
            if (f > 0) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        return hi == 0 || Double.isInfinite(hi) ? (hi == 0 ? 0 : 1) : (hi - lo) / hi;
    }
}
