package io.warpdrive.sched.rr;

import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.SchedSession;
import io.warpdrive.sched.Scheduler;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * UADK's round robin. Queues are handed out in turn among those of the best driver that
 * has one able to take the request: the one the platform predicts to serve it soonest
 * (driver priority among equal predictions, and where there are none) — and the next best
 * takes over when its queues are full.
 *
 * <p>With SESSION binding (UADK's behaviour) a session keeps the queue it got first, one
 * per direction and sync/async; when that queue cannot take a request (full, gone,
 * unavailable) the request takes the next queue in turn without rebinding, and the
 * session rebinds only when its queue has left the view. The binding lives in the
 * session's policy state, so a policy swap hands it back and sessions re-pick.
 */
@Component(service = Scheduler.class, configurationPid = RoundRobinScheduler.PID, property = {
        "service.ranking:Integer=10", "scheduler.name=" + RoundRobinScheduler.NAME,
        "scheduler.pid=" + RoundRobinScheduler.PID })
@Designate(ocd = RoundRobinConfig.class)
public final class RoundRobinScheduler implements Scheduler {
    public static final String PID = "io.warpdrive.sched.rr";
    public static final String NAME = "rr";

    /** How queues are bound. */
    enum Binding {
        SESSION,
        REQUEST
    }

    private final AtomicLong cursor = new AtomicLong();
    private volatile Binding binding = Binding.SESSION;

    /** Package-private so that tests configure the policy outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final ConfigurationGuard<RoundRobinConfig> configuration = new ConfigurationGuard<>(RoundRobinConfig.class,
            PID, m -> logger.warn(m), "scheduler.name", "scheduler.pid");

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        RoundRobinConfig config = configuration.update(properties);
        binding = Binding.valueOf(config.binding().trim().toUpperCase(Locale.ROOT));
    }

    void binding(Binding value) {
        binding = value;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueInfo pick(SchedKey key, QueueView view) {
        SchedSession session = key.session();
        if (binding != Binding.SESSION || session == null) {
            return next(key, view);
        }
        Object state = session.policyState();
        SessionQueues bound = state instanceof SessionQueues ? (SessionQueues) state : null;
        int slot = SessionQueues.slot(key);
        QueueInfo q = bound == null ? null : bound.queues[slot];
        if (q != null && inView(q, view)) {
            return q.canTake(key) ? q : next(key, view);
        }
        q = next(key, view);
        if (q != null) {
            if (bound == null) {
                bound = new SessionQueues();
                session.policyState(bound);
            }
            bound.queues[slot] = q;
        }
        return q;
    }

    /**
     * The next queue in turn among those of the best driver that can take the request: the
     * driver whose queues the platform predicts to serve it soonest (its performance models),
     * the highest priority among equal predictions. The turn counts only eligible queues, so
     * each gets an equal share.
     */
    private QueueInfo next(SchedKey key, QueueView view) {
        int n = view.size();
        String driver = null;
        long bestService = 0;
        int bestPriority = Integer.MIN_VALUE;
        int eligible = 0;
        for (int i = 0; i < n; i++) {
            QueueInfo q = view.get(i);
            if (!q.canTake(key)) {
                continue;
            }
            long service = q.predictedServiceNanos(key);
            if (driver != null && q.driver().equals(driver)) {
                eligible++;
            } else if (driver == null || service < bestService
                    || (service == bestService && q.driverPriority() > bestPriority)) {
                driver = q.driver();
                bestService = service;
                bestPriority = q.driverPriority();
                eligible = 1;
            }
        }
        if (eligible == 0) {
            return null;
        }
        int turn = (int) Math.floorMod(cursor.getAndIncrement(), (long) eligible);
        QueueInfo last = null;
        for (int i = 0; i < n; i++) {
            QueueInfo q = view.get(i);
            if (q.driver().equals(driver) && q.canTake(key)) {
                if (turn-- == 0) {
                    return q;
                }
                last = q;
            }
        }
        return last; // queues filled up between the two scans
    }

    private static boolean inView(QueueInfo q, QueueView view) {
        int i = q.index();
        return i >= 0 && i < view.size() && view.get(i) == q;
    }

    /** A session's bound queues: one per direction and sync/async. */
    static final class SessionQueues {
        final QueueInfo[] queues = new QueueInfo[4];

        static int slot(SchedKey key) {
            return key.operation().ordinal() * 2 + (key.sync() ? 0 : 1);
        }
    }
}
