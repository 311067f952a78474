package io.warpdrive.core.jmx;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.LoadUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.UsageStats;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Publishes the platform, its accounting and its performance models as MXBeans under the {@code io.warpdrive}
 * domain of the platform MBean server (jconsole, any JMX client). Attributes are read
 * live from the accounting service; the set of consumer, driver, queue and model MBeans follows
 * the platform every couple of seconds.
 *
 * <p>The framework property {@value #FRAMEWORK_PROPERTY}{@code =false} leaves JMX alone: the launcher
 * sets it for a one-shot command, which ends before any JMX client could attach, and whose start-up
 * the platform MBean server (about 200 JDK classes) would otherwise lengthen.
 */
@Component(immediate = true)
public final class JmxExporter {
    static final String DOMAIN = "io.warpdrive";
    /** Framework property: {@code false} publishes nothing (one-shot commands). */
    public static final String FRAMEWORK_PROPERTY = "warpdrive.jmx";
    private static final long REFRESH_SECONDS = 2;

    @Reference
    private UsageStats stats;

    @Reference
    private Platform platform;

    @Reference(service = LoggerFactory.class)
    Logger log;

    /** The drivers present, for their priority. */
    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    /** Where the MBeans go; asked only when they are published (the platform server is costly to create). */
    private final Supplier<MBeanServer> serverSource;
    private MBeanServer server;

    public JmxExporter() {
        this.serverSource = ManagementFactory::getPlatformMBeanServer;
    }

    /** On a given MBean server (tests). */
    JmxExporter(MBeanServer server) {
        this.serverSource = () -> server;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriver(Driver driver) {
        drivers.add(driver);
    }

    void unbindDriver(Driver driver) {
        drivers.remove(driver);
    }

    /** Outside a framework (tests): the services Declarative Services would inject. */
    void use(UsageStats usage, Platform platformService, Logger logger) {
        this.stats = usage;
        this.platform = platformService;
        this.log = logger;
    }
    private final Set<ObjectName> registered = new HashSet<>();
    private ScheduledExecutorService refresher;

    @Activate
    void activate(BundleContext context) {
        if ("false".equalsIgnoreCase(context.getProperty(FRAMEWORK_PROPERTY))) {
            log.debug("JMX: nothing published ({}=false)", FRAMEWORK_PROPERTY);
            return;
        }
        publish();
    }

    /** Publishes the MBeans and follows the platform (not an activate overload: DS would pick among them). */
    void publish() {
        server = serverSource.get();
        register(name("type=Platform"), new DescribedMXBean<>(new PlatformBean(), PlatformMXBean.class));
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wd-jmx");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    synchronized void deactivate() {
        if (refresher == null) {
            return; // nothing was published
        }
        refresher.shutdownNow();
        for (ObjectName n : registered) {
            try {
                server.unregisterMBean(n);
            } catch (JMException e) {
                log.debug("JMX: {} was already gone", n);
            }
        }
        registered.clear();
    }

    /** Registers MBeans for consumers, drivers and queues that appeared, and drops those that went. */
    synchronized void refresh() {
        try {
            Set<ObjectName> wanted = new HashSet<>();
            wanted.add(name("type=Platform"));
            for (ConsumerUsage c : stats.consumers()) {
                ObjectName n = name("type=Consumer,name=" + ObjectName.quote(c.name()) + ",version="
                        + ObjectName.quote(c.version()));
                wanted.add(n);
                String key = c.name() + "@" + c.version();
                register(n, new DescribedMXBean<>(new ConsumerBean(() -> consumer(key)), ConsumerMXBean.class));
            }
            for (var d : stats.drivers()) {
                ObjectName n = name("type=Driver,name=" + ObjectName.quote(d.driver()));
                wanted.add(n);
                String driver = d.driver();
                register(n, new DescribedMXBean<>(new DriverBean(() -> find(stats.drivers(),
                        x -> x.driver().equals(driver))), DriverMXBean.class));
            }
            for (var d : stats.devices()) {
                ObjectName n = name("type=Device,driver=" + ObjectName.quote(d.driver()) + ",device="
                        + ObjectName.quote(d.device()));
                wanted.add(n);
                String driver = d.driver();
                String device = d.device();
                register(n, new DescribedMXBean<>(new DeviceBean(() -> find(stats.devices(),
                        x -> x.driver().equals(driver) && x.device().equals(device))), DeviceMXBean.class));
            }
            for (var q : stats.queues()) {
                ObjectName n = name("type=Queue,driver=" + ObjectName.quote(q.driver()) + ",device="
                        + ObjectName.quote(q.device()) + ",id=" + q.id());
                wanted.add(n);
                long id = q.id();
                register(n, new DescribedMXBean<>(new QueueBean(() -> find(stats.queues(), x -> x.id() == id)),
                        QueueMXBean.class));
            }
            for (ModelInfo m : platform.models()) {
                ObjectName n = name("type=Model,driver=" + ObjectName.quote(m.driver()) + ",device="
                        + ObjectName.quote(m.device()));
                wanted.add(n);
                String driver = m.driver();
                String device = m.device();
                register(n, new DescribedMXBean<>(new ModelBean(() -> find(platform.models(),
                        x -> x.driver().equals(driver) && x.device().equals(device))), ModelMXBean.class));
            }
            for (ObjectName n : new HashSet<>(registered)) {
                if (!wanted.contains(n)) {
                    server.unregisterMBean(n);
                    registered.remove(n);
                }
            }
        } catch (JMException | RuntimeException e) {
            log.warn("JMX: refreshing the MBeans failed: {}", e.toString());
        }
    }

    private void register(ObjectName n, Object bean) {
        if (registered.contains(n)) {
            return;
        }
        try {
            server.registerMBean(bean, n);
            registered.add(n);
        } catch (JMException e) {
            log.warn("JMX: cannot register {}: {}", n, e.toString());
        }
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException(properties, e);
        }
    }

    private ConsumerUsage consumer(String key) {
        return find(stats.consumers(), c -> (c.name() + "@" + c.version()).equals(key));
    }

    private static <T> T find(List<? extends T> list, java.util.function.Predicate<T> match) {
        for (T t : list) {
            if (match.test(t)) {
                return t;
            }
        }
        return null;
    }

    /** The platform MBean. */
    private final class PlatformBean implements PlatformMXBean {
        @Override
        public String getActivePolicy() {
            List<SchedulerInfo> list = platform.schedulers();
            return list.isEmpty() || !list.get(0).active() ? "(built-in pick)" : list.get(0).name();
        }

        @Override
        public String getChosenPolicy() {
            String chosen = platform.chosenPolicy();
            return chosen == null ? "" : chosen;
        }

        @Override
        public long getBuiltinPicks() {
            return platform.builtinPicks();
        }

        @Override
        public long getCapacityWaits() {
            return platform.capacityWaits();
        }

        @Override
        public int getOpenQueues() {
            return platform.queues().size();
        }

        @Override
        public long getStreamMoves() {
            return stats.streamContinuity().moves();
        }

        @Override
        public long getKeptInput() {
            return stats.streamContinuity().keptInput();
        }

        @Override
        public long getKeptInputLimit() {
            return stats.streamContinuity().keptInputLimit();
        }

        @Override
        public long getKeptInputRefusals() {
            return stats.streamContinuity().keptInputRefusals();
        }

        @Override
        public String getCountingSince() {
            return stats.since().toString();
        }

        @Override
        public String[] getCrossovers() {
            return platform.crossovers().toArray(new String[0]);
        }

        @Override
        public void resetCounters() {
            stats.reset();
        }

        @Override
        public void setQueueCount(String driver, String device, String mode, int count) {
            platform.setQueueCount(driver, device == null || device.isEmpty() ? null : device, mode(mode), count);
        }

        @Override
        public int getQueueCount(String driver, String device, String mode) {
            return platform.queueCount(driver, device, mode(mode));
        }

        @Override
        public String usePolicy(String name) {
            platform.usePolicy(name);
            String chosen = platform.chosenPolicy();
            return "active scheduling policy: " + getActivePolicy()
                    + (chosen == null ? " (the highest ranking)" : " (chosen by name)");
        }

        private QueueMode mode(String mode) {
            try {
                return QueueMode.valueOf(mode == null || mode.isEmpty() ? "SHARED" : mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mode is shared, sync or async, not '" + mode + "'");
            }
        }
    }

    /** One consumer, read live. */
    private static final class ConsumerBean implements ConsumerMXBean {
        private final Supplier<ConsumerUsage> usage;

        ConsumerBean(Supplier<ConsumerUsage> usage) {
            this.usage = usage;
        }

        private ConsumerUsage u() {
            ConsumerUsage c = usage.get();
            if (c == null) {
                throw new IllegalStateException("the consumer is no longer counted (counters were reset?)");
            }
            return c;
        }

        @Override
        public String getName() {
            return u().name();
        }

        @Override
        public String getVersion() {
            return u().version();
        }

        @Override
        public long getBundleId() {
            return u().bundleId();
        }

        @Override
        public long getRequests() {
            return u().total().requests();
        }

        @Override
        public long getBytesIn() {
            return u().total().bytesIn();
        }

        @Override
        public long getBytesOut() {
            return u().total().bytesOut();
        }

        @Override
        public long getHardwareRequests() {
            return u().hardwareRequests();
        }

        @Override
        public long getCpuRequests() {
            return u().cpuRequests();
        }

        @Override
        public double getHardwareShare() {
            return u().hardwareShare();
        }

        @Override
        public Map<String, Long> getErrors() {
            Map<String, Long> m = new LinkedHashMap<>();
            for (Map.Entry<WdStatus, Long> e : u().errors().entrySet()) {
                m.put(e.getKey().name(), e.getValue());
            }
            return m;
        }

        @Override
        public long getQueuedNanos() {
            return u().queuedNanos();
        }

        @Override
        public long getServiceNanos() {
            return u().serviceNanos();
        }

        @Override
        public long getHardwareBusyNanos() {
            return u().hardwareBusyNanos();
        }

        @Override
        public long getCpuNanos() {
            return u().cpuNanos();
        }

        @Override
        public int getReservedQueues() {
            return u().reservedQueues();
        }
    }

    /** A driver, read live. */
    private final class DriverBean extends LoadBean<DriverUsage> implements DriverMXBean {
        DriverBean(Supplier<DriverUsage> usage) {
            super(usage);
        }

        @Override
        public String getName() {
            return u().driver();
        }

        @Override
        public String getType() {
            return u().calcType().name();
        }

        @Override
        public int getPriority() {
            String name = u().driver();
            for (Driver d : drivers) {
                if (d.name().equals(name)) {
                    return d.priority();
                }
            }
            return -1;
        }
    }

    /** A device, read live. */
    private static final class DeviceBean extends LoadBean<DeviceUsage> implements DeviceMXBean {
        DeviceBean(Supplier<DeviceUsage> usage) {
            super(usage);
        }

        @Override
        public String getDriver() {
            return u().driver();
        }

        @Override
        public String getDevice() {
            return u().device();
        }

        @Override
        public int getQueues() {
            return u().queues();
        }

        @Override
        public long getWrongOutputs() {
            return u().wrongOutputs();
        }
    }

    /** A queue, read live. */
    private static final class QueueBean extends LoadBean<QueueUsage> implements QueueMXBean {
        QueueBean(Supplier<QueueUsage> usage) {
            super(usage);
        }

        @Override
        public String getDriver() {
            return u().driver();
        }

        @Override
        public String getDevice() {
            return u().device();
        }

        @Override
        public String getDirection() {
            return u().operation().name();
        }

        @Override
        public String getMode() {
            return u().mode().name();
        }

        @Override
        public int getDepth() {
            return u().depth();
        }
    }

    /** The load of a driver, a device or a queue, read live. */
    private abstract static class LoadBean<U extends LoadUsage> implements LoadMXBean {
        private final Supplier<U> usage;

        LoadBean(Supplier<U> usage) {
            this.usage = usage;
        }

        U u() {
            U l = usage.get();
            if (l == null) {
                throw new IllegalStateException("the driver, device or queue has gone (or counters were reset)");
            }
            return l;
        }

        @Override
        public long getRequests() {
            return u().requests();
        }

        @Override
        public long getFailed() {
            return u().failed();
        }

        @Override
        public long getBytesIn() {
            return u().bytesIn();
        }

        @Override
        public long getBytesOut() {
            return u().bytesOut();
        }

        @Override
        public int getInFlight() {
            return u().inFlight();
        }

        @Override
        public long getBusyNanos() {
            return u().busyNanos();
        }

        @Override
        public long getIdleNanos() {
            return u().idleNanos();
        }

        @Override
        public double getThroughput() {
            return u().throughput();
        }

        @Override
        public long getFaults() {
            return u().faults();
        }
    }
}
