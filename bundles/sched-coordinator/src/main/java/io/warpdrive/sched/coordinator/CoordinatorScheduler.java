package io.warpdrive.sched.coordinator;

import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueOrder;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import java.util.Map;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The priority coordinator as a scheduling policy: it owns the book of tunes
 * ({@link Coordination}) and places each request by its consumer's level and the values in
 * force. Among the queues that can take the request (reserved ones of the consumer first, then
 * the highest driver priority, the nearest NUMA node, the lowest load, as the default policy),
 * it skips for a request of a level below the one a value comes from:
 * <ul>
 * <li>the queues of a hardware group that holds instances back and has no more than that many
 * free in the request's direction ({@code hardware});</li>
 * <li>every hardware queue while the consumer holds as many hardware instances as the
 * per-consumer limit allows ({@code hardware.per.consumer}).</li>
 * </ul>
 * So under AUTO lower levels use what is left of the hardware and then the CPU, and a
 * SYSTEM_HIGH consumer holding a tune finds its instances free. The same rules are its
 * {@link #admits}, which the platform's own choices honour — its built-in pick (an AUTO request
 * nothing here allows, say when the CPU is full too), the last look for a free slot before a
 * request waits, and slots handed to waiting requests: what is held back for a level only that
 * level or a higher one gets. A lower-level HARDWARE_ONLY request waits for hardware that is not
 * held back (bounded by its timeout); an AUTO one takes the CPU, or waits for it when it is full.
 *
 * <p>{@code pick} and {@code admits} read one immutable {@link Placement}, republished when
 * tunes change, and the last queue view seen: no lock, no allocation.
 */
@Component(service = { Scheduler.class, CoordinatorScheduler.class }, configurationPid = CoordinatorScheduler.PID,
        property = { "service.ranking:Integer=30", "scheduler.name=" + CoordinatorScheduler.NAME,
                "scheduler.pid=" + CoordinatorScheduler.PID })
@Designate(ocd = CoordinatorConfig.class)
public final class CoordinatorScheduler implements Scheduler {
    public static final String PID = "io.warpdrive.sched.coordinator";
    public static final String NAME = "coordinator";

    /** Package-private so that tests start the policy outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    private Coordination book;
    private ExecutorClock ownClock;

    /** For Declarative Services. */
    public CoordinatorScheduler() {
    }

    /** Outside a framework (tests, measurements): a book on the given clock and knob. */
    CoordinatorScheduler(ResourceTable table, TuneClock clock, Knob workers) {
        this.book = new Coordination(table, clock, workers, CoordinatorLog.NONE);
    }

    private final ConfigurationGuard<CoordinatorConfig> configuration = new ConfigurationGuard<>(
            CoordinatorConfig.class, PID, m -> logger.warn(m), "scheduler.name", "scheduler.pid");

    @Activate
    void activate(Map<String, Object> properties) {
        CoordinatorLog log = new CoordinatorLog(logger);
        ResourceTable table = tableOf(properties);
        ownClock = new ExecutorClock();
        // The CPU fallback is whichever CPU driver serves when hardware has no room: isal when its
        // library is there, else soft; both get the same worker count.
        Knob cpuWorkers = Knob.together(new DriverWorkersKnob(DriverWorkersKnob.SOFT_PID, () -> configAdmin, log),
                new DriverWorkersKnob(DriverWorkersKnob.ISAL_PID, () -> configAdmin, log));
        book = new Coordination(table, ownClock, cpuWorkers, log);
        logger.info("coordinator: resources " + table.specs);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        book.configure(tableOf(properties));
    }

    /** The resource table configured; one that cannot be read keeps the last good one (the default at first). */
    private ResourceTable tableOf(Map<String, Object> properties) {
        CoordinatorConfig config = configuration.update(properties);
        try {
            return ResourceTable.parse(config.resources());
        } catch (IllegalArgumentException e) {
            return ResourceTable.parse(configuration.refuse("resources", e.getMessage()).resources());
        }
    }

    @Deactivate
    void deactivate() {
        book.close();
        if (ownClock != null) {
            ownClock.close();
        }
    }

    /** The book of tunes. */
    Coordination book() {
        return book;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The view of the last pick, for {@link #admits} (which gets a queue, not the view): views are
     * replaced only when queues come or go, so this is written rarely and read racily by design.
     */
    private volatile QueueView lastView;

    @Override
    public boolean admits(SchedKey key, QueueInfo q) {
        if (!q.calcType().isHardware() || q.reservedBy() >= 0) {
            return true;
        }
        Placement p = book.placement();
        int level = key.priority().ordinal();
        if (!p.hardwareAllowed(level, key.hardwareInFlight())) {
            return false;
        }
        QueueView view = lastView;
        return p.groups.length == 0 || view == null || !p.heldBack(q, view, level);
    }

    @Override
    public QueueInfo pick(SchedKey key, QueueView view) {
        if (lastView != view) {
            lastView = view;
        }
        Placement p = book.placement();
        int level = key.priority().ordinal();
        boolean hardware = p.hardwareAllowed(level, key.hardwareInFlight());
        long closed = hardware && p.groups.length > 0 ? p.closedGroups(key, view, level) : 0;
        int node = key.numaNode();
        QueueInfo best = null;
        int bestDistance = 0;
        long bestFinish = 0;
        for (int i = 0, n = view.size(); i < n; i++) {
            QueueInfo q = view.get(i);
            if (!q.canTake(key)) {
                continue;
            }
            if (q.reservedBy() < 0 && ((!hardware && q.calcType().isHardware()) || p.inClosedGroup(q, closed))) {
                continue;
            }
            // Within what the levels and limits allow, the queue predicted to finish first.
            int distance = node < 0 ? 0 : view.distance(node, q.numaNode());
            long finish = q.predictedFinishNanos(key);
            if (best == null || QueueOrder.sooner(q, finish, distance, best, bestFinish, bestDistance)) {
                best = q;
                bestDistance = distance;
                bestFinish = finish;
            }
        }
        return best;
    }
}
