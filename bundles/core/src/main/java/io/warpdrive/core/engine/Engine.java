package io.warpdrive.core.engine;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.core.model.Calibration;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.ModelBook;
import io.warpdrive.core.model.ModelStore;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.core.pick.Explorer;
import io.warpdrive.lib.CompletionMode;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.stats.HypervisorTagListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The engine behind wd_comp: tracks drivers and scheduling policies as they come and go,
 * opens queues on the drivers' devices as configured, publishes the queue view, and runs
 * the poller and the watchdog. The request path itself is in {@link Dispatcher}.
 */
@Component(service = { Platform.class, Engine.class }, configurationPid = Engine.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public final class Engine implements Platform {
    public static final String PID = "io.warpdrive.engine";

    /** Package-private so that tests start the engine outside a framework with their own logger. */
    @Reference(service = LoggerFactory.class)
    Logger logger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    private final EngineLog log = new EngineLog();
    private final ConfigurationGuard<EngineConfig> configuration =
            new ConfigurationGuard<>(EngineConfig.class, PID, log::warn);
    final SchedulerRegistry schedulers = new SchedulerRegistry(log);
    final CapacityLine line = new CapacityLine();
    final Dispatcher dispatcher = new Dispatcher(this);
    private final NumaDistances numa = NumaDistances.ofMachine();
    private final LongAdder callbackFaults = new LongAdder();
    private final UsageRegistry usage = new UsageRegistry(this);
    /** Performance models of the devices, and the exploration that keeps them current. */
    final ModelBook models = new ModelBook();
    final Explorer explorer = new Explorer();
    /** What jobs are stamped with and models learn from; tests simulating timed engines set their own before start. */
    NanoClock clock = NanoClock.SYSTEM;

    private final Object lock = new Object();
    private final Map<Driver, DriverBinding> bindings = new IdentityHashMap<>();
    private final List<Driver> pending = new ArrayList<>();
    private boolean running;
    private ScheduledExecutorService admin;
    /** Queues closed while a job was handed over, until their jobs are swept. */
    private final Set<EngineQueue> stranded = ConcurrentHashMap.newKeySet();

    private volatile Settings settings = Settings.defaults();
    /** Levels some driver with open compression queues honours, bit L for level L (the level filter). */
    private volatile int levelsHonoured = ~0;
    private volatile QueueViewImpl view = QueueViewImpl.EMPTY;
    private volatile EngineQueue[] pollSet = new EngineQueue[0];
    private volatile Poller poller;
    private volatile Resender resender;

    // ---- lifecycle ------------------------------------------------------------------------

    /** The models in the platform's data folder, or null (no persistent storage). */
    private volatile ModelStore store;

    @Activate
    void activate(org.osgi.framework.BundleContext context, Map<String, Object> properties) {
        log.use(logger);
        java.io.File data = context.getDataFile("models.properties");
        if (data != null) {
            store = new ModelStore(data.toPath());
            try {
                models.preload(store.load());
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("performance models in " + data + " could not be read (" + e + "); learning anew");
            }
        }
        activate(properties);
    }

    /** Activation without a bundle (tests outside a framework): no models kept across restarts. */
    void activate(Map<String, Object> properties) {
        log.use(logger);
        start(settingsOf(properties));
    }

    /** Starts the engine (also used directly by tests outside a framework). */
    void start(Settings s) {
        schedulers.select(s.schedulerPolicy);
        synchronized (lock) {
            settings = s;
            graceEndsNanos = System.nanoTime() + s.startupGraceNanos;
            admin = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wd-engine");
                t.setDaemon(true);
                return t;
            });
            running = true;
            explorer.share(s.explorePercent);
            resender = new Resender(dispatcher);
            applyCompletionMode(s);
            for (Driver d : pending) {
                addBinding(d);
            }
            pending.clear();
        }
        publishView();
        long tick = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(s.jobTimeoutNanos) / 4));
        admin.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
        admin.scheduleAtFixedRate(usage::sample, 1, 1, TimeUnit.SECONDS);
        admin.scheduleWithFixedDelay(this::reportCrossovers, 5, 5, TimeUnit.SECONDS);
        admin.scheduleWithFixedDelay(this::saveModels, 60, 60, TimeUnit.SECONDS);
    }

    /** Writes the models to the data folder (every minute and at stop), for the next start. */
    private void saveModels() {
        ModelStore s = store;
        if (s != null) {
            try {
                s.save(models.byIdentity());
            } catch (java.io.IOException | RuntimeException e) {
                log.warnOnce("models-save", "performance models could not be saved (" + e + "); they are learned anew "
                        + "after a restart");
            }
        }
    }

    /** An info line when the size at which another engine becomes the fastest moves. */
    private void reportCrossovers() {
        try {
            models.reportMoves(log::info);
        } catch (RuntimeException e) {
            log.error("checking the models' crossovers failed; continuing", e);
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Settings s = settingsOf(properties);
        String problem = checkQueueCounts(s);
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

    /** A reason the queue counts cannot be met by the devices present, or null. */
    private String checkQueueCounts(Settings s) {
        List<DriverBinding> all;
        synchronized (lock) {
            all = new ArrayList<>(bindings.values());
        }
        for (DriverBinding b : all) {
            for (Device d : b.driver.devices()) {
                int perDirection = 0;
                for (QueueMode mode : QueueMode.values()) {
                    perDirection += s.queuesFor(b.name, d.name(), mode);
                }
                if (perDirection * Operation.values().length > d.instances()) {
                    return "device " + d.name() + " has " + d.instances() + " instances; " + perDirection
                            + " queues per direction in both directions would need " + perDirection * 2;
                }
            }
        }
        return null;
    }

    @Override
    public void setQueueCount(String driver, String device, QueueMode mode, int count) {
        if (driver == null || mode == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "driver and mode are required");
        }
        if (count < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "queue count must not be negative: " + count);
        }
        DriverBinding b = binding(driver);
        if (b == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "unknown driver '" + driver + "' (present: "
                    + String.join(", ", new java.util.TreeSet<>(presentDrivers())) + ")");
        }
        List<? extends Device> devices = b.driver.devices();
        if (device != null && devices.stream().noneMatch(d -> d.name().equals(device))) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "driver " + driver + " has no device '" + device + "'");
        }
        Settings.Builder probe = settings.toBuilder();
        probe.queueCount(QueueCountConfig.target(driver, device, mode) + "=" + count);
        String problem = checkQueueCounts(probe.build());
        if (problem != null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, problem);
        }
        QueueCountConfig.write(configAdmin, QueueCountConfig.target(driver, device, mode), count);
    }

    @Override
    public int queueCount(String driver, String device, QueueMode mode) {
        return settings.queuesFor(driver, device, mode);
    }

    private DriverBinding binding(String name) {
        synchronized (lock) {
            for (DriverBinding b : bindings.values()) {
                if (b.name.equals(name)) {
                    return b;
                }
            }
        }
        return null;
    }

    /** Applies new settings live: queues are opened or drained, nothing in flight fails. */
    void reconfigure(Settings s) {
        schedulers.select(s.schedulerPolicy);
        List<DriverBinding> all;
        synchronized (lock) {
            settings = s;
            explorer.share(s.explorePercent);
            applyCompletionMode(s);
            all = new ArrayList<>(bindings.values());
        }
        for (DriverBinding b : all) {
            b.reconcile(s);
        }
        publishView();
    }

    private void applyCompletionMode(Settings s) {
        boolean wantPoller = s.completion == Settings.CompletionDelivery.POLLER;
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
    void stop() {
        List<DriverBinding> all;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            all = new ArrayList<>(bindings.values());
            bindings.clear();
            pending.clear();
        }
        for (DriverBinding b : all) {
            retire(b, "the platform is stopping");
        }
        Poller p = poller;
        poller = null;
        if (p != null) {
            p.stop();
        }
        resender.stop();
        admin.shutdownNow();
        try {
            admin.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EngineQueue q : stranded) {
            sweep(q); // their delayed sweeps were dropped with the admin thread
        }
        saveModels();
    }

    // ---- drivers --------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(Driver driver) {
        synchronized (lock) {
            if (!running) {
                pending.add(driver);
                return;
            }
            addBinding(driver);
        }
        publishView();
    }

    void unbindDriver(Driver driver) {
        DriverBinding b;
        synchronized (lock) {
            pending.remove(driver);
            b = bindings.remove(driver);
        }
        if (b != null) {
            retire(b, "driver " + b.name + " went away");
        }
    }

    private void addBinding(Driver d) {
        DriverBinding b;
        try {
            b = new DriverBinding(this, d);
        } catch (RuntimeException e) {
            log.error("a driver service failed to describe itself; ignoring it", e);
            return;
        }
        bindings.put(d, b);
        try {
            d.addDeviceListener(b);
        } catch (RuntimeException e) {
            log.warn("driver " + b.name + ": addDeviceListener failed (" + e + "); device changes will go unnoticed");
        }
        b.reconcile(settings);
        log.info(b + ": " + b.queues.size() + " queues opened");
        if (settings.calibrate) {
            calibrateLater(b);
        }
    }

    /** A calibration still running stops at its next job: wait for it, so the driver goes away after it. */
    private void awaitCalibration(DriverBinding b) {
        Thread t = b.calibration;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("driver " + b.name + ": its calibration did not end within 15 s; removing it anyway");
            }
        }
    }

    /**
     * Calibrates and self-tests each device of a driver on a thread of its own (a slow device must
     * not hold up the engine's other work); a device that fails gets no traffic and says why.
     */
    private void calibrateLater(DriverBinding b) {
        Thread t = new Thread(() -> {
            Calibration calibration = new Calibration(clock);
            List<? extends Device> devices;
            try {
                devices = b.driver.devices();
            } catch (RuntimeException e) {
                return;
            }
            for (Device d : devices) {
                if (b.removed) {
                    return;
                }
                DeviceModel m = models.find(ModelStore.identity(b.name, b.version, d));
                if (m == null) {
                    continue; // no queue opened on it (no free instance): it is calibrated by its traffic
                }
                Calibration.Result r = calibration.run(d, m, () -> b.removed);
                switch (r.outcome()) {
                    case FAILED:
                        m.refuse(r.detail());
                        log.warn("device " + d.name() + " of driver " + b.name + " gets no traffic: " + r.detail());
                        publishView();
                        break;
                    case SKIPPED:
                        log.info("device " + d.name() + " of driver " + b.name + " not calibrated: " + r.detail());
                        break;
                    default:
                        m.refuse(null);
                        log.debug("device " + d.name() + " of driver " + b.name + " calibrated");
                }
            }
        }, "wd-calibrate-" + b.name);
        t.setDaemon(true);
        b.calibration = t;
        t.start();
    }

    /** Takes a driver's queues out of use and closes them; their jobs are re-sent or failed. */
    private void retire(DriverBinding b, String reason) {
        synchronized (b) {
            // Under the binding's lock: a reconcile opening queues right now finishes first, and
            // none opens after, so every queue the binding ever opened is closed below.
            b.removed = true;
        }
        try {
            b.driver.removeDeviceListener(b);
        } catch (RuntimeException e) {
            log.debug("driver " + b.name + ": removeDeviceListener failed: " + e);
        }
        awaitCalibration(b);
        for (EngineQueue q : b.queues) {
            q.startDraining();
        }
        publishView();
        int closed = 0;
        for (EngineQueue q : b.queues) {
            closeQueue(q, WdStatus.DRIVER_GONE, reason);
            closed++;
        }
        publishView();
        log.info(b + " removed (" + reason + "): " + closed + " queues closed");
    }

    /**
     * Closes a queue that is no longer in the view. The driver completes what it accepted;
     * whatever it leaves behind is failed here so that no request is ever lost.
     */
    void closeQueue(EngineQueue q, WdStatus status, String reason) {
        // Two closers (the watchdog and a driver going away): the second returns only once the
        // first has released the queue, so whoever returns from here knows it is released.
        synchronized (q) {
            if (!q.markClosed()) {
                return;
            }
            try {
                q.queue.close();
            } catch (Throwable t) {
                log.error("queue " + q + ": close failed", t);
            }
        }
        int left = 0;
        for (int tag = 0; tag < q.slotCount(); tag++) {
            JobSlot s = q.slot(tag);
            if (s.isInFlight()) {
                left++;
                s.forceFail(status, reason);
            }
        }
        if (left > 0) {
            log.warn("queue " + q + ": the driver left " + left + " jobs uncompleted after close; they were failed ("
                    + reason + ")");
        }
        usage.retire(q);
        q.binding.queues.remove(q);
    }

    /**
     * A job was accepted by a queue that was closed meanwhile. A correct driver fails it
     * itself at once; if it is still in flight after a grace period it is failed here.
     */
    void sweepStranded(EngineQueue q) {
        // Remembered until swept: stop() sweeps what its admin shutdown drops, else those jobs never complete.
        stranded.add(q);
        ScheduledExecutorService a = admin;
        if (a != null && !a.isShutdown()) {
            try {
                a.schedule(() -> sweep(q), 100, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException stopping) {
                // shut down meanwhile: sweep now
            }
        }
        sweep(q);
    }

    private void sweep(EngineQueue q) {
        stranded.remove(q);
        for (int tag = 0; tag < q.slotCount(); tag++) {
            q.slot(tag).forceFail(WdStatus.DRIVER_GONE, "queue closed while the job was handed over");
        }
    }

    /**
     * A draining queue has no job left: close it on the admin thread (the completing thread
     * may be the driver's own worker, which a close waits for) and let its driver open what
     * the configuration still wants, now that an instance is free.
     */
    void drained(EngineQueue q) {
        ScheduledExecutorService a = admin;
        if (a != null && !a.isShutdown()) {
            a.execute(() -> {
                if (q.state() == EngineQueue.DRAINING && q.inFlight() == 0) {
                    closeQueue(q, WdStatus.QUEUE_CLOSED, "queue drained");
                    q.binding.reconcile(settings);
                    publishView();
                }
            });
        }
    }

    void reconcileLater(DriverBinding b) {
        ScheduledExecutorService a = admin;
        if (a != null && !a.isShutdown()) {
            a.execute(() -> {
                if (b.reconcile(settings)) {
                    publishView();
                }
            });
        }
    }

    // ---- schedulers ------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindScheduler(Scheduler scheduler, Map<String, Object> properties) {
        schedulers.add(scheduler, properties);
    }

    void updatedScheduler(Scheduler scheduler, Map<String, Object> properties) {
        schedulers.add(scheduler, properties);
    }

    void unbindScheduler(Scheduler scheduler) {
        schedulers.remove(scheduler);
    }

    // ---- hypervisor tag listeners (whiteboard) -----------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTagListener(HypervisorTagListener listener) {
        usage.addTagListener(listener);
    }

    void unbindTagListener(HypervisorTagListener listener) {
        usage.removeTagListener(listener);
    }

    // ---- the view --------------------------------------------------------------------------

    private final Object viewLock = new Object();

    /** Rebuilds the view from the open queues (ordered by driver priority) and wakes waiters. */
    void publishView() {
        // Collected and published under one lock: two publishers collecting side by side could
        // otherwise publish in the wrong order, the older snapshot last, leaving queues that
        // were just opened (and already took jobs) out of the view and out of the poller's set.
        synchronized (viewLock) {
            List<DriverBinding> all;
            synchronized (lock) {
                all = new ArrayList<>(bindings.values());
            }
            List<EngineQueue> open = new ArrayList<>();
            List<EngineQueue> live = new ArrayList<>();
            int honoured = 0;
            for (DriverBinding b : all) {
                for (EngineQueue q : b.queues) {
                    if (q.state() == EngineQueue.OPEN) {
                        open.add(q);
                        if (q.operation() == Operation.COMPRESS) {
                            honoured |= b.honouredLevels();
                        }
                    }
                    if (q.state() != EngineQueue.CLOSED) {
                        live.add(q);
                    }
                }
            }
            open.sort(Comparator.comparingInt((EngineQueue q) -> -q.driverPriority()).thenComparing(EngineQueue::driver)
                    .thenComparing(EngineQueue::device).thenComparing(EngineQueue::operation)
                    .thenComparingLong(EngineQueue::id));
            for (EngineQueue q : view.asArray()) {
                q.index = -1;
            }
            for (int i = 0; i < open.size(); i++) {
                open.get(i).index = i;
            }
            levelsHonoured = honoured;
            view = new QueueViewImpl(open.toArray(new EngineQueue[0]), numa);
            if (!open.isEmpty()) {
                driversSeen = true;
            }
            pollSet = live.toArray(new EngineQueue[0]);
            viewLock.notifyAll();
        }
        line.signalAll();
    }

    /** When the startup grace ends; and whether any queue has been open since the engine started. */
    private volatile long graceEndsNanos;
    private volatile boolean driversSeen;

    /**
     * While no driver has opened a queue yet, shortly after start: a request nothing could
     * serve waits (until the returned time) for a driver instead of failing NO_DRIVER.
     *
     * @return the end of the grace, or 0 when there is none (a driver was seen, or time is up)
     */
    long startupGraceEnd() {
        if (driversSeen) {
            return 0;
        }
        long end = graceEndsNanos;
        return System.nanoTime() - end < 0 ? end : 0;
    }

    QueueViewImpl view() {
        return view;
    }

    /** The managed poller, or null (PUSH-only delivery, or stopped). */
    Poller poller() {
        return poller;
    }

    EngineQueue[] pollSet() {
        return pollSet;
    }

    // ---- watchdog ---------------------------------------------------------------------------

    /**
     * Periodic checks off the request path: drained queues are closed; a queue the device
     * stopped, or with a job in flight past the job timeout, is released and replaced.
     */
    void watch() {
        try {
            Settings s = settings;
            long now = clock.nanoTime();
            boolean changed = false;
            for (EngineQueue q : pollSet) {
                if (q.state() == EngineQueue.DRAINING && q.inFlight() == 0) {
                    closeQueue(q, WdStatus.QUEUE_CLOSED, "queue drained");
                    changed = true;
                } else if (q.state() == EngineQueue.OPEN) {
                    String problem = problemOf(q, now, s);
                    if (problem != null) {
                        log.warn("queue " + q + ": " + problem + "; releasing and replacing it");
                        q.startDraining();
                        publishView();
                        closeQueue(q, problem.startsWith("the device") ? WdStatus.QUEUE_CLOSED : WdStatus.TIMEOUT,
                                problem);
                        changed = true;
                    }
                }
            }
            // Every binding, every tick: opens what a busy device refused earlier, once instances free.
            List<DriverBinding> all;
            synchronized (lock) {
                all = new ArrayList<>(bindings.values());
            }
            for (DriverBinding b : all) {
                changed |= b.reconcile(s);
            }
            if (changed) {
                publishView();
            }
        } catch (RuntimeException e) {
            log.error("watchdog check failed; continuing", e);
        }
    }

    private static String problemOf(EngineQueue q, long now, Settings s) {
        boolean stopped;
        try {
            stopped = q.queue.isStopped();
        } catch (RuntimeException e) {
            stopped = true;
        }
        if (stopped) {
            return "the device stopped the queue";
        }
        if (q.inFlight() == 0) {
            return null;
        }
        for (int tag = 0; tag < q.slotCount(); tag++) {
            JobSlot slot = q.slot(tag);
            if (slot.isInFlight() && now - slot.submitNanos() > s.jobTimeoutNanos) {
                return "a job has been in flight for more than " + TimeUnit.NANOSECONDS.toMillis(s.jobTimeoutNanos)
                        + " ms";
            }
        }
        return null;
    }

    // ---- services to the rest of the bundle --------------------------------------------------

    Settings settings() {
        return settings;
    }

    EngineLog log() {
        return log;
    }

    Resender resender() {
        return resender;
    }

    void wakePoller() {
        Poller p = poller;
        if (p != null) {
            p.wake();
        }
    }

    void callbackFailed(Consumer consumer, Throwable t) {
        callbackFaults.increment();
        log.warnOnce("callback:" + consumer.name,
                "a completion callback of " + consumer + " threw " + t + "; ignored, the platform carries on");
    }

    long maxCompressedLength(Algorithm algorithm, long inputLength) {
        return DeflateBound.of(algorithm, inputLength);
    }

    /** The Compressor of one consumer bundle, classed by its symbolic name alone (tests outside a framework). */
    CompressorImpl newCompressor(String symbolicName, String version, long bundleId) {
        return newCompressor(symbolicName, version, bundleId, settings.isSystem(symbolicName));
    }

    /** The Compressor of one consumer bundle of the given class. */
    CompressorImpl newCompressor(String symbolicName, String version, long bundleId, boolean system) {
        Consumer c = new Consumer(symbolicName, version, bundleId, system,
                usage.consumer(symbolicName, version, bundleId));
        return new CompressorImpl(this, c);
    }

    @Override
    public io.warpdrive.comp.Compressor compressorFor(Bundle bundle, String consumerName) {
        if (bundle == null || consumerName == null || consumerName.isBlank()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a bundle and a consumer name are required");
        }
        return newCompressor(consumerName, bundle.getVersion().toString(), bundle.getBundleId(), settings.isSystem(bundle));
    }

    @Override
    public boolean isSystemConsumer(Bundle bundle) {
        if (bundle == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a bundle is required");
        }
        return settings.isSystem(bundle);
    }

    UsageRegistry usage() {
        return usage;
    }

    /** Names of the drivers bound now. */
    java.util.Set<String> presentDrivers() {
        java.util.Set<String> names = new java.util.HashSet<>();
        synchronized (lock) {
            for (DriverBinding b : bindings.values()) {
                names.add(b.name);
            }
        }
        return names;
    }

    void checkRunning() {
        if (!running) {
            throw new WdException(WdStatus.INVALID_STATE, "the platform is stopped");
        }
    }

    /**
     * Opens queues for one consumer alone, on the drivers allowed by {@code where}, highest
     * priority first, as many as devices have free instances for (at most {@code n}).
     */
    ReservationImpl reserve(Consumer c, Operation op, int n, FallbackPolicy where) {
        checkRunning();
        if (op == null || where == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "operation and fallback policy are required");
        }
        if (n < 1) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "reserve at least one queue, not " + n);
        }
        int bound = settings.reservationMaxQueues;
        if (c.reservedQueues() + n > bound) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, c + " holds " + c.reservedQueues()
                    + " reserved queues; " + n + " more would exceed the bound of " + bound + " per consumer");
        }
        List<DriverBinding> candidates;
        synchronized (lock) {
            candidates = new ArrayList<>(bindings.values());
        }
        candidates.removeIf(b -> where == FallbackPolicy.HARDWARE_ONLY ? !b.calcType.isHardware()
                : where == FallbackPolicy.SOFTWARE_ONLY && b.calcType.isHardware());
        candidates.sort(Comparator.comparingInt((DriverBinding b) -> -b.priority));
        List<EngineQueue> got = new ArrayList<>();
        for (DriverBinding b : candidates) {
            for (Device d : b.driver.devices()) {
                while (got.size() < n) {
                    EngineQueue q = b.openReserved(d, op, c.bundleId);
                    if (q == null) {
                        break;
                    }
                    got.add(q);
                }
            }
            if (!got.isEmpty()) {
                break;
            }
        }
        if (got.isEmpty()) {
            throw new WdException(WdStatus.BUSY, "no " + (where == FallbackPolicy.HARDWARE_ONLY ? "hardware "
                    : where == FallbackPolicy.SOFTWARE_ONLY ? "CPU " : "") + "device has a free instance to reserve for "
                    + op.name().toLowerCase());
        }
        ReservationImpl r = new ReservationImpl(this, c, op, got);
        c.reservations.add(r);
        publishView();
        log.info(r.toString());
        return r;
    }

    /** Delivers a consumer's completed async requests (caller-driven completion). */
    int poll(Consumer c, int budget, long waitNanos) {
        if (budget <= 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "poll budget must be positive: " + budget);
        }
        Settings s = settings;
        boolean callerReaps = s.completion == Settings.CompletionDelivery.CALLER;
        long deadline = System.nanoTime() + Math.max(0, waitNanos);
        int delivered = 0;
        for (;;) {
            boolean polledInFlight = false;
            if (callerReaps) {
                for (EngineQueue q : pollSet) {
                    if (q.completionMode() == CompletionMode.POLL && q.inFlight() > 0) {
                        polledInFlight = true;
                        q.reap(budget);
                    }
                }
            }
            EngineRequest r;
            while (delivered < budget && (r = c.inbox.take()) != null) {
                dispatcher.deliver(r);
                delivered++;
            }
            long left = deadline - System.nanoTime();
            if (delivered > 0 || !callerReaps || left <= 0) {
                return delivered;
            }
            c.inbox.awaitAdd(polledInFlight ? Math.min(left, s.pollerParkNanos) : left);
        }
    }

    // ---- Platform ------------------------------------------------------------------------------

    @Override
    public QueueView queues() {
        return view;
    }

    @Override
    public List<SchedulerInfo> schedulers() {
        return schedulers.infos();
    }

    @Override
    public int usePolicy(String name) {
        return PolicyChoice.use(schedulers, configAdmin, name);
    }

    /** Under AUTO, may a driver compress at its nearest level ({@code level.accept.nearest})? */
    boolean acceptsNearestLevel() {
        return settings.levelAcceptNearest;
    }

    /** Does a driver with open compression queues honour {@code level}? */
    boolean someDriverHonoursLevel(int level) {
        return (levelsHonoured & (1 << level)) != 0;
    }

    @Override
    public String chosenPolicy() {
        return schedulers.selected();
    }

    @Override
    public List<io.warpdrive.admin.ModelInfo> models() {
        return new ArrayList<>(models.models());
    }

    @Override
    public List<String> crossovers() {
        return models.crossovers();
    }

    @Override
    public long builtinPicks() {
        return schedulers.builtinPicks();
    }

    @Override
    public long capacityWaits() {
        return line.entered();
    }

    @Override
    public boolean awaitQueue(Algorithm algorithm, Operation operation, FallbackPolicy fallback, Duration timeout) {
        long deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
        synchronized (viewLock) {
            for (;;) {
                if (anyQueueServes(algorithm, operation, fallback)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    viewLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private boolean anyQueueServes(Algorithm algorithm, Operation operation, FallbackPolicy fallback) {
        QueueViewImpl v = view;
        for (int i = 0; i < v.size(); i++) {
            EngineQueue q = v.get(i);
            boolean hw = q.calcType().isHardware();
            boolean allowed = fallback == FallbackPolicy.AUTO || (fallback == FallbackPolicy.HARDWARE_ONLY) == hw;
            if (allowed && q.isAvailable() && q.operation() == operation && servesAnyWindow(q, algorithm)) {
                return true;
            }
        }
        return false;
    }

    private static boolean servesAnyWindow(EngineQueue q, Algorithm algorithm) {
        for (WindowSize w : WindowSize.values()) {
            if (q.serves(algorithm, w)) {
                return true;
            }
        }
        return false;
    }
}
