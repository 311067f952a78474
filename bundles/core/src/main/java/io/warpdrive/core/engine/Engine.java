package io.warpdrive.core.engine;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.core.engine.health.Verification;
import io.warpdrive.core.engine.policy.SchedulerRegistry;
import io.warpdrive.core.engine.queue.Calibrations;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.DriverBindings;
import io.warpdrive.core.engine.queue.NumaDistances;
import io.warpdrive.core.engine.queue.QueueLifecycle;
import io.warpdrive.core.engine.queue.QueueViews;
import io.warpdrive.core.engine.request.CallerPolling;
import io.warpdrive.core.engine.request.CapacityLine;
import io.warpdrive.core.engine.request.Dispatcher;
import io.warpdrive.core.engine.request.Poller;
import io.warpdrive.core.engine.request.Resender;
import io.warpdrive.core.engine.session.ConsumerQueues;
import io.warpdrive.core.engine.session.Reservations;
import io.warpdrive.core.engine.stream.KeptInputBudget;
import io.warpdrive.core.engine.usage.UsageRegistry;
import io.warpdrive.core.model.ModelBook;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.core.pick.Explorer;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.stats.HypervisorTagListener;
import io.warpdrive.stats.UsageEventListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The engine behind wd_comp, as lifecycle and wiring: it applies the configuration, tracks
 * drivers, scheduling policies and tag listeners as they come and go, and hands each room
 * the others it talks to. The rooms: the request path ({@code request}), queues and driver
 * bindings ({@code queue}), policies ({@code policy}), usage accounting ({@code usage}),
 * sessions and the Compressor service ({@code session}) and configuration ({@code config});
 * the admin face is {@link PlatformService}.
 */
@Component(service = Engine.class, configurationPid = Engine.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public final class Engine {
    public static final String PID = "io.warpdrive.engine";

    /** Package-private so that tests start the engine outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final EngineLog log = new EngineLog();
    private final ConfigurationGuard<EngineConfig> configuration =
            new ConfigurationGuard<>(EngineConfig.class, PID, log::warn);
    private final SchedulerRegistry schedulers = new SchedulerRegistry(log);
    private final CapacityLine line = new CapacityLine();
    private final Dispatcher dispatcher = new Dispatcher(this);
    private final UsageRegistry usage = new UsageRegistry(this);
    /** Performance models of the devices, and the exploration that keeps them current. */
    private final ModelBook models = new ModelBook();
    private final Explorer explorer = new Explorer();
    private final ModelKeeper keeper = new ModelKeeper(models, log);
    private final DriverBindings drivers = new DriverBindings(this);
    private final QueueViews views = new QueueViews(drivers, NumaDistances.ofMachine(), line::signalAll);
    private final QueueLifecycle lifecycle = new QueueLifecycle(this);
    private final Calibrations calibrations = new Calibrations(this);
    private final Reservations reservations = new Reservations(this);
    private final ConsumerQueues consumerQueues = new ConsumerQueues(this);
    private final CallerPolling callerPolling = new CallerPolling(this);
    private final Quarantine quarantine = new Quarantine(this);
    private final Verification verification = new Verification(this, quarantine);
    /** The platform's limit on what decompression streams keep to resume elsewhere, and their chunks. */
    private final KeptInputBudget keptInput = new KeptInputBudget(Settings.defaults().streamResumeTotalLimit());
    private final AdminThread admin = new AdminThread(this, keeper);
    /** What jobs are stamped with and models learn from; tests simulating timed engines set their own before start. */
    private NanoClock clock = NanoClock.SYSTEM;

    private final Object lock = new Object();
    private volatile Settings settings = Settings.defaults();
    private volatile Poller poller;
    private volatile Resender resender;

    // ---- lifecycle ------------------------------------------------------------------------

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        log.use(logger);
        keeper.load(context.getDataFile("models.properties"));
        quarantine.keepIn(context.getDataFile("quarantine.properties"));
        String calibrate = context.getProperty(Calibrations.FRAMEWORK_PROPERTY);
        calibrations.offForPlatform("false".equalsIgnoreCase(calibrate));
        calibrations.reuseKept(Calibrations.REUSE_KEPT.equalsIgnoreCase(calibrate));
        activateWithoutBundle(properties);
    }

    /** Activation without a bundle (tests): not named activate, which DS would prefer to the one above. */
    void activateWithoutBundle(Map<String, Object> properties) {
        log.use(logger);
        start(settingsOf(properties));
    }

    /** Starts the engine (also used directly by tests outside a framework). */
    public void start(Settings s) {
        schedulers.select(s.schedulerPolicy());
        synchronized (lock) {
            settings = s;
            views.startGrace(s.startupGraceNanos());
            admin.start();
            resender = new Resender(dispatcher);
            applyLive(s);
            drivers.start();
        }
        views.publish();
        admin.schedule(s);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Settings s = settingsOf(properties);
        String problem = drivers.queueCountProblem(s);
        if (problem != null) {
            configuration.refuse(problem);
            return;
        }
        reconfigure(s);
    }

    /**
     * The settings of a configuration: a value that does not fit its key keeps the key's last
     * good value; a configuration the engine cannot use as a whole keeps the last good one.
     */
    Settings settingsOf(Map<String, ?> properties) {
        try {
            return Settings.from(configuration.update(properties));
        } catch (IllegalArgumentException e) {
            return Settings.from(configuration.refuse(e.getMessage()));
        }
    }

    /** Applies new settings live: queues are opened or drained, nothing in flight fails. */
    public void reconfigure(Settings s) {
        schedulers.select(s.schedulerPolicy());
        synchronized (lock) {
            settings = s;
            applyLive(s);
        }
        drivers.reconcileAll(s);
        consumerQueues.apply();
        views.publish();
    }

    /** What settings change at once, without reopening queues (under the lock). */
    private void applyLive(Settings s) {
        explorer.share(s.explorePercent());
        verification.shares(s.verifyShares());
        quarantine.rules(s.quarantineRules());
        keptInput.limit(s.streamResumeTotalLimit());
        boolean wantPoller = s.completion() == Settings.CompletionDelivery.POLLER;
        if (wantPoller && poller == null) {
            poller = new Poller(this);
            poller.start();
        } else if (!wantPoller && poller != null) {
            poller.stop();
            poller = null;
        }
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    /** Stops the engine: every queue is closed and every request in flight completes. */
    public void stop() {
        List<DriverBinding> all = drivers.stop();
        if (all == null) {
            return;
        }
        for (DriverBinding b : all) {
            lifecycle.retire(b, "the platform is stopping");
        }
        Poller p = poller;
        poller = null;
        if (p != null) {
            p.stop();
        }
        resender.stop();
        admin.stop();
        lifecycle.sweepAllStranded(); // their delayed sweeps were dropped with the admin thread
        keeper.save();
        quarantine.writePending(); // a write the admin thread had not done yet
    }

    // ---- drivers, policies, tag listeners --------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindDriver(Driver driver) {
        if (drivers.bind(driver)) {
            views.publish();
        }
    }

    public void unbindDriver(Driver driver) {
        DriverBinding b = drivers.unbind(driver);
        if (b != null) {
            lifecycle.retire(b, "driver " + b.name() + " went away");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindScheduler(Scheduler scheduler, Map<String, Object> properties) {
        schedulers.add(scheduler, properties);
    }

    void updatedScheduler(Scheduler scheduler, Map<String, Object> properties) {
        schedulers.add(scheduler, properties);
    }

    public void unbindScheduler(Scheduler scheduler) {
        schedulers.remove(scheduler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindTagListener(HypervisorTagListener listener) {
        usage.addTagListener(listener);
    }

    public void unbindTagListener(HypervisorTagListener listener) {
        usage.removeTagListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindUsageEventListener(UsageEventListener listener) {
        usage.addEventListener(listener);
    }

    public void unbindUsageEventListener(UsageEventListener listener) {
        usage.removeEventListener(listener);
    }

    // ---- what the rooms ask of each other ----------------------------------------------------

    public Settings settings() { return settings; }
    public EngineLog log() { return log; }
    public NanoClock clock() { return clock; }

    /** Tests simulating timed engines set their clock before start. */
    public void useClock(NanoClock c) {
        clock = c;
    }

    /** The admin thread (closing, sweeping, periodic checks), or null before start. */
    public ScheduledExecutorService admin() {
        return admin.executor();
    }

    public Dispatcher dispatcher() { return dispatcher; }
    public CapacityLine line() { return line; }
    public SchedulerRegistry schedulers() { return schedulers; }
    public ModelBook models() { return models; }
    public Explorer explorer() { return explorer; }
    public UsageRegistry usage() { return usage; }
    public DriverBindings drivers() { return drivers; }
    public QueueViews views() { return views; }
    public QueueLifecycle lifecycle() { return lifecycle; }
    public Calibrations calibrations() { return calibrations; }
    public Reservations reservations() { return reservations; }

    /** The queues an administrator gives consumers ({@code consumer.queues}). */
    public ConsumerQueues consumerQueues() { return consumerQueues; }

    public CallerPolling callerPolling() { return callerPolling; }
    public Verification verification() { return verification; }
    public Quarantine quarantine() { return quarantine; }
    public KeptInputBudget keptInput() { return keptInput; }
    public Resender resender() { return resender; }

    /** The managed poller, or null (PUSH-only delivery, or stopped). */
    public Poller poller() { return poller; }

    public void wakePoller() {
        Poller p = poller;
        if (p != null) {
            p.wake();
        }
    }

    public void checkRunning() {
        if (!drivers.running()) {
            throw new WdException(WdStatus.INVALID_STATE, "the platform is stopped");
        }
    }
}
