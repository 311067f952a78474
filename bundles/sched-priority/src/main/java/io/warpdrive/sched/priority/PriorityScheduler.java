package io.warpdrive.sched.priority;

import io.warpdrive.comp.Operation;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueOrder;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The default policy. Availability first (a queue that cannot take the request — its
 * device isolated, removed or stopped, the queue full, the driver not allowed by the
 * fallback policy, another consumer's reservation — is skipped), then a queue the
 * consumer reserved for itself, then the soonest predicted finish (the platform's
 * performance models: work queued ahead, service time, the caller's path), then the
 * highest driver priority, then the smallest NUMA distance to the caller, then the lowest
 * load (jobs in flight per slot).
 *
 * <p>Fallback follows from that: under AUTO whichever engine finishes first wins, and the
 * CPU takes the request the moment the hardware has no room; HARDWARE_ONLY sees only
 * hardware queues and gets nothing when they are full, so the platform makes it wait;
 * SOFTWARE_ONLY never sees hardware.
 */
@Component(service = Scheduler.class, configurationPid = PriorityScheduler.PID,
        property = { "service.ranking:Integer=0", "scheduler.name=" + PriorityScheduler.NAME,
                "scheduler.pid=" + PriorityScheduler.PID })
@Designate(ocd = PriorityConfig.class)
public final class PriorityScheduler implements Scheduler {
    public static final String PID = "io.warpdrive.sched.priority";
    public static final String NAME = "priority";

    private volatile boolean numaAware = true;

    /** Package-private so that tests configure the policy outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final ConfigurationGuard<PriorityConfig> configuration = new ConfigurationGuard<>(PriorityConfig.class,
            PID, m -> logger.warn(m), "scheduler.name", "scheduler.pid");

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        PriorityConfig config = configuration.update(properties);
        numaAware = config.numa_aware();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueInfo pick(SchedKey key, QueueView view) {
        int node = numaAware ? key.numaNode() : -1;
        QueueInfo best = null;
        int bestDistance = 0;
        long bestFinish = 0;
        Operation operation = key.operation();
        for (int i = 0, n = view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (q.operation() != operation) {
                continue; // half of the queues serve the other direction: the cheapest test first
            }
            // Then the prediction (one per device and pick, the rest are remembered): a queue
            // that would lose anyway needs none of the checks of whether it can take the request.
            long finish = q.predictedFinishNanos(key);
            if (best != null && losesBeforeTies(q, finish, best, bestFinish) || !q.canTake(key)) {
                continue;
            }
            int distance = node < 0 ? 0 : view.distance(node, q.numaNode());
            if (best == null || QueueOrder.sooner(q, finish, distance, best, bestFinish, bestDistance)) {
                best = q;
                bestDistance = distance;
                bestFinish = finish;
            }
        }
        return best;
    }

    /** {@link QueueOrder#sooner} says no whatever the tie-breakers: the best is reserved and q not, or alike and q later. */
    private static boolean losesBeforeTies(QueueInfo q, long finish, QueueInfo best, long bestFinish) {
        boolean reserved = q.reservedBy() >= 0;
        boolean bestReserved = best.reservedBy() >= 0;
        return reserved == bestReserved ? finish > bestFinish : bestReserved;
    }
}
