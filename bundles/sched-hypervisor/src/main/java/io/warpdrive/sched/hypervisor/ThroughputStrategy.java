package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.resize.ManagedQueue;
import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.ResizeStrategy;
import io.warpdrive.sched.resize.SchedulingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The throughput strategy (StarPU's "gflops rate" policy, with bytes for flops unless the
 * requests declare their work: {@code Request.declaredWork}), on the
 * resize-strategy SPI: the contexts selecting it that declared their work share their queues
 * so that all are expected to finish at the same time. A context's expected finish is its
 * remaining work over the speed of its queues — each queue's input bytes per second of busy
 * time, measured from the engine's counters — times their number. The plan gives each queue
 * in turn to the context expected to finish last (which minimises the latest finish); a
 * context whose declared work is done keeps its minimum (its queues go to those still
 * working). It re-plans when the set of contexts still working or their declared work
 * changes, and when the expected finish times drift apart by more than the tolerance (a
 * context fell behind) and a plan would bring the latest finish closer. A context working in
 * both directions has its remaining work split between them in the proportion it submitted.
 * Its tolerance is the hypervisor's {@code throughput.tolerance}.
 */
@Component(service = ResizeStrategy.class, property = ResizeStrategy.NAME + "=" + ThroughputStrategy.NAME,
        configurationPid = HypervisorScheduler.PID)
public final class ThroughputStrategy implements ResizeStrategy {
    static final String NAME = "THROUGHPUT";
    private static final int OPS = Operation.values().length;
    private volatile double tolerance = 0.05;
    private String epoch = "";

    private final ConfigurationGuard<HypervisorConfig> configuration =
            new ConfigurationGuard<>(HypervisorConfig.class, HypervisorScheduler.PID, m -> { }); // the hypervisor reports bad values

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        tolerance(configuration.update(properties).throughput_tolerance());
    }

    /** Relative spread of expected finish times beyond which a plan is made again. */
    void tolerance(double value) {
        tolerance = value;
    }

    @Override
    public void decide(ResizeRound round) {
        List<SchedulingContext> members = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        for (SchedulingContext s : round.selected()) {
            if (s.declaredWorkBytes() > 0) {
                members.add(s);
                fingerprint.append(s.name()).append(':').append(s.declaredWorkBytes()).append(':')
                        .append(s.remainingWorkBytes() == 0).append(';');
            }
        }
        if (members.isEmpty()) {
            epoch = "";
            return;
        }
        for (Operation op : Operation.values()) {
            fingerprint.append(round.managed(op)).append(';');
        }
        boolean newEpoch = !fingerprint.toString().equals(epoch);
        int[][] plan = new int[members.size()][OPS];
        double spreadNow = 0;
        double latestNow = 0;
        double latestPlan = 0;
        boolean changes = false;
        for (Operation direction : Operation.values()) {
            int op = direction.ordinal();
            int pool = 0;
            double[] need = new double[members.size()];
            int[] lo = new int[members.size()];
            int[] hi = new int[members.size()];
            int[] current = new int[members.size()];
            for (int i = 0; i < members.size(); i++) {
                SchedulingContext s = members.get(i);
                pool += s.size(direction);
                current[i] = s.size(direction);
                // declared per request, work is in the requests' unit: in bytes for the queues' speeds
                double work = s.remainingWorkBytes() * s.bytesPerWork() * share(s, direction);
                need[i] = work / speed(round, s, direction);
                lo[i] = s.min();
                hi[i] = s.max();
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
            SchedulingContext s = members.get(i);
            if (!Arrays.equals(plan[i], Texts.perOp(s)) && !s.mayResize()) {
                return; // within someone's minimum time between resizes: plan again at a later round
            }
        }
        String why = newEpoch ? "throughput plan" : String.format(Locale.ROOT,
                "throughput re-plan: expected finish times %.0f%% apart (tolerance %.0f%%)", spreadNow * 100,
                tolerance * 100);
        for (int i = 0; i < members.size(); i++) {
            SchedulingContext s = members.get(i);
            if (Arrays.equals(plan[i], Texts.perOp(s))) {
                continue;
            }
            String before = Texts.sizes(s);
            for (Operation op : Operation.values()) {
                s.resize(op, plan[i][op.ordinal()]);
            }
            s.resized(before + " → " + Texts.sizes(s) + " (" + why + "; " + (s.remainingWorkBytes() == 0
                    ? "its declared work is done" : Texts.bytes(s.remainingWorkBytes()) + " left") + ")");
        }
        epoch = fingerprint.toString();
    }
    /** Share of a context's remaining work in a direction: as it submitted so far (all of it in each before). */
    private static double share(SchedulingContext s, Operation direction) {
        long total = 0;
        for (Operation op : Operation.values()) {
            total += s.submittedWork(op);
        }
        return total == 0 ? 1 : (double) s.submittedWork(direction) / total;
    }

    /**
     * Bytes per second of busy time of the context's queues in a direction (their average); of
     * all queues of the direction when its own are not measured yet; 1 when nothing is.
     */
    private static double speed(ResizeRound round, SchedulingContext c, Operation direction) {
        double own = 0;
        int ownN = 0;
        double all = 0;
        int allN = 0;
        for (ManagedQueue q : round.queues()) {
            if (q.operation() != direction || q.speed() <= 0) {
                continue;
            }
            all += q.speed();
            allN++;
            if (q.owner() == c) {
                own += q.speed();
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
