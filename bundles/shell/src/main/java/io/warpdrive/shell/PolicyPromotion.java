package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.sched.Scheduler;
import java.io.IOException;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code wd:sched use NAME}: makes a policy the active one by ranking it above every other,
 * through Configuration Admin (so it persists, and is written back to {@code conf/} when
 * its configuration came from there). A policy names its configuration PID in the service
 * property {@code scheduler.pid}.
 */
final class PolicyPromotion {
    static final String NAME_PROPERTY = "scheduler.name";
    static final String PID_PROPERTY = "scheduler.pid";
    private static final long WAIT_MILLIS = 5000;

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Platform platform;

    PolicyPromotion(BundleContext context, ConfigurationAdmin configAdmin, Platform platform) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.platform = platform;
    }

    /** @return the ranking the policy now has */
    int use(String name) throws IOException {
        if (configAdmin == null) {
            throw new WdException(WdStatus.UNSUPPORTED, "Configuration Admin is not running: cannot change rankings");
        }
        Collection<ServiceReference<Scheduler>> refs;
        try {
            refs = context.getServiceReferences(Scheduler.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<Scheduler> target = null;
        int highestOther = Integer.MIN_VALUE;
        for (ServiceReference<Scheduler> ref : refs) {
            if (name.equals(ref.getProperty(NAME_PROPERTY))) {
                target = ref;
            } else {
                highestOther = Math.max(highestOther, ranking(ref));
            }
        }
        if (target == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no scheduling policy named '" + name + "' (present: "
                    + names(platform.schedulers()) + ")");
        }
        Object pid = target.getProperty(PID_PROPERTY);
        if (!(pid instanceof String)) {
            throw new WdException(WdStatus.UNSUPPORTED,
                    "policy '" + name + "' does not name its configuration (service property " + PID_PROPERTY + ")");
        }
        int ranking = highestOther == Integer.MIN_VALUE ? ranking(target) : Math.max(ranking(target), highestOther + 1);
        Configuration config = configAdmin.getConfiguration((String) pid, "?");
        Dictionary<String, Object> props = config.getProperties();
        if (props == null) {
            props = new Hashtable<>();
        }
        props.put(Constants.SERVICE_RANKING, ranking);
        config.update(props);
        awaitActive(name);
        return ranking;
    }

    private void awaitActive(String name) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            List<SchedulerInfo> list = platform.schedulers();
            if (!list.isEmpty() && list.get(0).active() && list.get(0).name().equals(name)) {
                return;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new WdException(WdStatus.TIMEOUT, "policy '" + name + "' was re-ranked but did not become active within "
                + WAIT_MILLIS + " ms (is it demoted or failing?)");
    }

    private static int ranking(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }

    private static String names(List<SchedulerInfo> list) {
        StringBuilder b = new StringBuilder();
        for (SchedulerInfo s : list) {
            b.append(b.length() == 0 ? "" : ", ").append(s.name());
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
