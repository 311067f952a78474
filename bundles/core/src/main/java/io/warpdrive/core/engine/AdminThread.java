package io.warpdrive.core.engine;

import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.core.engine.queue.Watchdog;
import io.warpdrive.core.model.NanoClock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one admin thread and what it does on a period: the watchdog, usage samples and
 * the watch of the work counters, consumer queue counts, crossovers and saving the models, the
 * quarantine's probe. Queues are closed and swept on it too ({@link #executor}).
 */
final class AdminThread {
    /** Period of the watch that pushes idle and slow crossings of the work counters (UsageEventListener). */
    static final long WATCH_MILLIS = 100;

    private final Engine engine;
    private final ModelKeeper keeper;
    private volatile ScheduledExecutorService executor;

    AdminThread(Engine engine, ModelKeeper keeper) {
        this.engine = engine;
        this.keeper = keeper;
    }

    /** Starts the thread; its periodic work starts with {@link #schedule}. */
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wd-engine");
            t.setDaemon(true);
            return t;
        });
    }

    void schedule(Settings s) {
        ScheduledExecutorService admin = executor;
        long tick = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(s.jobTimeoutNanos()) / 4));
        admin.scheduleWithFixedDelay(new Watchdog(engine), tick, tick, TimeUnit.MILLISECONDS);
        admin.scheduleAtFixedRate(engine.usage()::sample, 1, 1, TimeUnit.SECONDS);
        NanoClock clock = engine.clock();
        if (clock == NanoClock.SYSTEM) { // a simulated clock's owner drives the watch as it drives time
            admin.scheduleWithFixedDelay(() -> engine.usage().watch(clock.nanoTime()), WATCH_MILLIS, WATCH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        admin.scheduleWithFixedDelay(engine.consumerQueues()::apply, 1, 1, TimeUnit.SECONDS);
        admin.scheduleWithFixedDelay(keeper::reportCrossovers, 5, 5, TimeUnit.SECONDS);
        admin.scheduleWithFixedDelay(keeper::save, 60, 60, TimeUnit.SECONDS);
        admin.scheduleWithFixedDelay(() -> engine.quarantine().probeDue(Quarantine::inThread), 1, 1, TimeUnit.SECONDS);
    }

    /** The thread's executor, or null before start. */
    ScheduledExecutorService executor() {
        return executor;
    }

    /** Stops the thread, waiting a few seconds for a task that runs; its delayed tasks are dropped. */
    void stop() {
        ScheduledExecutorService admin = executor;
        admin.shutdownNow();
        try {
            admin.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
