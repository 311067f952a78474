package io.warpdrive.sched.locality;

import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueOrder;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * "Allocate hardware resources close to the application": each request stays on
 * queues of its caller's NUMA node while they have room and spills to the nearest other
 * node. The node is the request's ({@code SessionSpec.withNumaNode}) or, when it gives
 * none, the node of the CPU the calling thread runs on. Among queues at the same distance:
 * a queue the consumer reserved, then the highest driver priority, then the least loaded.
 */
@Component(service = Scheduler.class, configurationPid = LocalityScheduler.PID, property = {
        "service.ranking:Integer=20", "scheduler.name=" + LocalityScheduler.NAME,
        "scheduler.pid=" + LocalityScheduler.PID })
@Designate(ocd = LocalityConfig.class)
public final class LocalityScheduler implements Scheduler {
    public static final String PID = "io.warpdrive.sched.locality";
    public static final String NAME = "locality";

    private volatile boolean spill = true;
    private volatile IntSupplier callerNode = () -> -1;

    /** Package-private so that tests configure the policy outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final ConfigurationGuard<LocalityConfig> configuration = new ConfigurationGuard<>(LocalityConfig.class,
            PID, m -> logger.warn(m), "scheduler.name", "scheduler.pid");

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        LocalityConfig config = configuration.update(properties);
        spill = config.spill();
        NumaNodeOfCaller caller = new NumaNodeOfCaller(Path.of("/sys/devices/system/node"),
                TimeUnit.MICROSECONDS.toNanos(config.cpu_refresh_us()));
        callerNode = caller::current;
    }

    /** For tests: where the caller runs, and whether to spill. */
    void use(IntSupplier node, boolean spillToOtherNodes) {
        this.callerNode = node;
        this.spill = spillToOtherNodes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueInfo pick(SchedKey key, QueueView view) {
        int home = key.numaNode() >= 0 ? key.numaNode() : callerNode.getAsInt();
        QueueInfo best = null;
        int bestDistance = Integer.MAX_VALUE;
        long bestFinish = 0;
        int local = home < 0 ? 0 : view.distance(home, home);
        for (int i = 0, n = view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (!q.canTake(key)) {
                continue;
            }
            int distance = home < 0 ? 0 : view.distance(home, q.numaNode());
            if (!spill && distance > local) {
                continue;
            }
            // The nearest node first (this policy's rule), then the queue predicted to finish first.
            long finish = q.predictedFinishNanos(key);
            if (best == null || distance < bestDistance
                    || (distance == bestDistance && QueueOrder.sooner(q, finish, 0, best, bestFinish, 0))) {
                best = q;
                bestDistance = distance;
                bestFinish = finish;
            }
        }
        return best;
    }

}
