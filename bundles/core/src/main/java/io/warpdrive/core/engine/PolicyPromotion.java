package io.warpdrive.core.engine;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link io.warpdrive.admin.Platform#usePolicy}: ranks a policy above every other present
 * by updating its configuration, then waits for the registry to elect it.
 */
final class PolicyPromotion {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private PolicyPromotion() {
    }

    static int use(SchedulerRegistry registry, ConfigurationAdmin configAdmin, String name) {
        if (name == null || name.isBlank()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a policy name is required");
        }
        SchedulerRegistry.Entry target = null;
        int highestOther = Integer.MIN_VALUE;
        StringBuilder present = new StringBuilder();
        for (SchedulerRegistry.Entry e : registry.entries()) {
            present.append(present.length() == 0 ? "" : ", ").append(e.name);
            if (e.name.equals(name)) {
                target = e;
            } else {
                highestOther = Math.max(highestOther, e.ranking);
            }
        }
        if (target == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no scheduling policy named '" + name + "' (present: "
                    + (present.length() == 0 ? "none" : present) + ")");
        }
        if (target.pid == null) {
            throw new WdException(WdStatus.UNSUPPORTED, "policy '" + name
                    + "' does not name its configuration (service property " + SchedulerRegistry.PID_PROPERTY + ")");
        }
        if (configAdmin == null) {
            throw new WdException(WdStatus.UNSUPPORTED, "Configuration Admin is not running: cannot change rankings");
        }
        int ranking = highestOther == Integer.MIN_VALUE ? target.ranking : Math.max(target.ranking, highestOther + 1);
        try {
            Configuration config = configAdmin.getConfiguration(target.pid, "?");
            Dictionary<String, Object> props = config.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            props.put(Constants.SERVICE_RANKING, ranking);
            config.update(props);
        } catch (IOException e) {
            throw new WdException(WdStatus.INTERNAL, "could not update the configuration " + target.pid + ": "
                    + e.getMessage(), e);
        }
        awaitActive(registry, name);
        return ranking;
    }

    /** SCR re-registers the policy with its new ranking asynchronously; wait for the election. */
    private static void awaitActive(SchedulerRegistry registry, String name) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            Object active = registry.activeScheduler();
            if (active instanceof SchedulerRegistry.Entry && ((SchedulerRegistry.Entry) active).name.equals(name)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new WdException(WdStatus.TIMEOUT, "policy '" + name + "' was re-ranked but did not become active within "
                + TimeUnit.NANOSECONDS.toMillis(WAIT_NANOS) + " ms (is it demoted?)");
    }
}
