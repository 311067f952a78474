package io.warpdrive.sched.hypervisor;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.sched.resize.ResizeStrategy;
import io.warpdrive.stats.HypervisorTagListener;
import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageEventListener;
import io.warpdrive.stats.UsageStats;
import io.warpdrive.stats.UsageThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The scheduling-context hypervisor as a scheduling policy: {@link #pick} and {@link #admits}
 * read the published {@link Assignment} (no lock, nothing allocated), and the hypervisor's thread runs
 * the {@link Hypervisor}'s ticks on the engine's counters. Contexts are the
 * {@link ContextComponent}s present (one per factory configuration). It also listens for
 * completions of requests with a hypervisor tag, and for the engine's crossings of a context's
 * work counters (work started or drained, idle beyond its shortest maximum idle time,
 * throughput below its minimum). Those, a tagged completion some context resizes at, and a
 * context's request that finds none of its queues able to take it, are pushed as
 * {@link Events} that make the round at once rather than at the next tick. While another policy is active it only
 * measures: swapped out, it confines nothing and every queue is the active policy's again.
 */
@Component(service = { Scheduler.class, HypervisorTagListener.class, UsageEventListener.class,
        HypervisorScheduler.class },
        configurationPid = HypervisorScheduler.PID, property = { "service.ranking:Integer=40",
                "scheduler.name=" + HypervisorScheduler.NAME, "scheduler.pid=" + HypervisorScheduler.PID })
@Designate(ocd = HypervisorConfig.class)
public final class HypervisorScheduler implements Scheduler, HypervisorTagListener, UsageEventListener {
    public static final String PID = "io.warpdrive.sched.hypervisor";
    public static final String NAME = "hypervisor";
    private static final long COMMAND_TIMEOUT_S = 10;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    @Reference
    private Platform platform;

    @Reference
    private UsageStats usage;

    private final Map<ContextComponent, Boolean> components = new ConcurrentHashMap<>();
    private final Strategies strategies = new Strategies();
    private volatile boolean contextsChanged = true;
    private volatile Hypervisor hypervisor;
    private final Events events = new Events();
    private volatile HypervisorThread timer;
    private volatile boolean active;
    private volatile long tickMillis;

    private final ConfigurationGuard<HypervisorConfig> configuration = new ConfigurationGuard<>(
            HypervisorConfig.class, PID, m -> logger.warn(m), "scheduler.name", "scheduler.pid");

    @Activate
    void activate(Map<String, Object> properties) {
        HypervisorConfig config = configuration.update(properties);
        // Load what the request path uses now, not in a consumer's first pick (the platform times picks).
        Assignment.preload();
        strategies.budget(TimeUnit.MILLISECONDS.toNanos(config.strategy_budget_ms()));
        hypervisor = new Hypervisor(System::nanoTime, message -> logger.info(message), strategies, events);
        tickMillis = Math.max(10, config.tick_ms());
        timer = new HypervisorThread("wd-hypervisor", TimeUnit.MILLISECONDS.toNanos(tickMillis), events, this::tick);
        timer.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        HypervisorConfig config = configuration.update(properties);
        strategies.budget(TimeUnit.MILLISECONDS.toNanos(config.strategy_budget_ms()));
        tickMillis = Math.max(10, config.tick_ms());
        timer.period(TimeUnit.MILLISECONDS.toNanos(tickMillis));
    }

    @Deactivate
    void deactivate() {
        try {
            if (!timer.stop(5000)) {
                logger.warn("the hypervisor's thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- contexts (whiteboard of ContextComponent services) ----------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindContext(ContextComponent context) {
        components.put(context, Boolean.TRUE);
        contextsChanged = true;
    }

    void updatedContext(ContextComponent context) {
        contextsChanged = true;
    }

    void unbindContext(ContextComponent context) {
        components.remove(context);
        contextsChanged = true;
    }

    // ---- resize strategies (whiteboard of ResizeStrategy services) ----------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(ResizeStrategy strategy, Map<String, Object> properties) {
        Object name = properties.get(ResizeStrategy.NAME);
        if (!(name instanceof String) || ((String) name).isBlank()) {
            logger.warn("a resize strategy without a " + ResizeStrategy.NAME + " property is not offered: " + strategy);
            return;
        }
        String refused = strategies.add((String) name, strategy);
        if (refused != null) {
            logger.warn("resize strategy " + name + " not offered: " + refused);
        } else {
            logger.info("resize strategy " + Strategies.normalize((String) name) + " offered");
        }
    }

    void unbindStrategy(ResizeStrategy strategy) {
        strategies.remove(strategy);
    }

    // ---- Scheduler: the request path ------------------------------------------------------------

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueInfo pick(SchedKey key, QueueView view) {
        return hypervisor.assignment().pick(key, view);
    }

    @Override
    public boolean admits(SchedKey key, QueueInfo queue) {
        return hypervisor.assignment().admits(key, queue);
    }

    @Override
    public void tagCompleted(int hypervisorTag, String consumer, String contextTag, WdStatus status) {
        Hypervisor h = hypervisor;
        if (h != null) {
            h.tagCompleted(hypervisorTag);
        }
    }

    @Override
    public UsageThresholds thresholds(String consumer, String contextTag) {
        Hypervisor h = hypervisor;
        return h == null ? UsageThresholds.NONE : h.thresholds(consumer, contextTag);
    }

    @Override
    public void crossed(UsageEvent event, String consumer, String contextTag) {
        Hypervisor h = hypervisor;
        if (h != null) {
            h.crossed(event, consumer, contextTag);
        }
    }

    // ---- the hypervisor's thread -----------------------------------------------------------------------

    /**
     * One round of the hypervisor, at its tick or at once for pushed {@link Events} (their bits).
     * What it logs about a change is logged once the change is published.
     */
    private void tick(int pushed) {
        try {
            if (pushed != 0) {
                hypervisor.eventRound(pushed);
            }
            String configured = null;
            if (contextsChanged) {
                contextsChanged = false;
                configured = hypervisor.configure(validSpecs());
                usage.thresholdsChanged();
            }
            boolean nowActive = isActive();
            hypervisor.tick(platform.queues(), usage.queues(), usage.contexts(), nowActive);
            if (configured != null) {
                logger.info(configured);
            }
            if (nowActive != active) {
                active = nowActive;
                logger.info(nowActive ? "hypervisor active: contexts are confined to their queues"
                        : "hypervisor not the active policy: it measures, and resizes nothing");
            }
        } catch (RuntimeException e) {
            logger.error("hypervisor tick failed; trying again at the next tick", e);
        }
    }

    private List<ContextSpec> validSpecs() {
        List<ContextSpec> specs = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ContextComponent c : components.keySet()) {
            ContextSpec s = c.spec();
            if (s == null) {
                logger.warn("context " + c.name() + " refused: " + c.problem());
            } else if (!names.add(s.name())) {
                logger.warn("context " + s.name() + " is configured twice; one configuration is ignored");
            } else {
                specs.add(s);
            }
        }
        return specs;
    }

    private boolean isActive() {
        for (SchedulerInfo s : platform.schedulers()) {
            if (s.active()) {
                return NAME.equals(s.name());
            }
        }
        return false;
    }

    /** Runs on the hypervisor's thread (the hypervisor's state is confined to it) and waits for the result. */
    private <T> T onTimer(Callable<T> what) {
        try {
            return timer.submit(what).get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the hypervisor did not answer within " + COMMAND_TIMEOUT_S + " s");
        }
    }

    // ---- for the shell ------------------------------------------------------------------------------

    /** An application-driven resize, now (or once the context's minimum time between resizes has passed). */
    String resize(String context, SizeChange change) {
        return onTimer(() -> {
            configurationChanges();
            return hypervisor.resize(context, change, "asked from the shell");
        });
    }

    HypervisorReport report() {
        return onTimer(() -> {
            configurationChanges();
            return hypervisor.report();
        });
    }

    /** For the shell: configuration changes that arrived since the last tick count now. */
    private void configurationChanges() {
        if (contextsChanged) {
            contextsChanged = false;
            logger.info(hypervisor.configure(validSpecs()));
            usage.thresholdsChanged();
            hypervisor.tick(platform.queues(), usage.queues(), usage.contexts(), active);
        }
    }

    /** Contexts whose configuration was refused, with the reason. */
    List<String> refused() {
        List<String> list = new ArrayList<>();
        for (ContextComponent c : components.keySet()) {
            if (c.spec() == null) {
                list.add(c.name() + ": " + c.problem());
            }
        }
        list.sort(null);
        return list;
    }

    boolean active() {
        return active;
    }

    long tickMillis() {
        return tickMillis;
    }
}
