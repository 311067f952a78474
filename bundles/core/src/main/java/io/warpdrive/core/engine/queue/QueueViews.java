package io.warpdrive.core.engine.queue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The published queue view (the open queues, ordered by driver priority), the poll set (the
 * queues not yet closed), the levels the open compression queues honour, and the startup
 * grace. Rebuilt from the driver bindings whenever a queue opens, drains or closes.
 */
public final class QueueViews {
    private final DriverBindings drivers;
    private final NumaDistances numa;
    /** Wakes requests waiting in line for a queue once a new view is out. */
    private final Runnable published;
    private final Object viewLock = new Object();
    private volatile QueueViewImpl view = QueueViewImpl.EMPTY;
    private volatile EngineQueue[] pollSet = new EngineQueue[0];
    /** Levels some driver with open compression queues honours, bit L for level L (the level filter). */
    private volatile int levelsHonoured = ~0;
    /** When the startup grace ends; and whether any queue has been open since the engine started. */
    private volatile long graceEndsNanos;
    private volatile boolean driversSeen;

    public QueueViews(DriverBindings drivers, NumaDistances numa, Runnable published) {
        this.drivers = drivers;
        this.numa = numa;
        this.published = published;
    }

    /** The engine starts: requests nothing could serve wait up to {@code graceNanos} for a driver. */
    public void startGrace(long graceNanos) {
        graceEndsNanos = System.nanoTime() + graceNanos;
    }

    /** Rebuilds the view from the open queues (ordered by driver priority) and wakes waiters. */
    public void publish() {
        // Collected and published under one lock: two publishers collecting side by side could
        // otherwise publish in the wrong order, the older snapshot last, leaving queues that
        // were just opened (and already took jobs) out of the view and out of the poller's set.
        synchronized (viewLock) {
            List<EngineQueue> open = new ArrayList<>();
            List<EngineQueue> live = new ArrayList<>();
            int honoured = 0;
            for (DriverBinding b : drivers.all()) {
                for (EngineQueue q : b.queues()) {
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
                q.placedAt(-1);
            }
            for (int i = 0; i < open.size(); i++) {
                open.get(i).placedAt(i);
            }
            levelsHonoured = honoured;
            view = new QueueViewImpl(open.toArray(new EngineQueue[0]), numa);
            if (!open.isEmpty()) {
                driversSeen = true;
            }
            pollSet = live.toArray(new EngineQueue[0]);
            viewLock.notifyAll();
        }
        published.run();
    }

    public QueueViewImpl view() {
        return view;
    }

    /** The queues not closed yet: the ones a poller or a reaping caller looks at. */
    public EngineQueue[] pollSet() {
        return pollSet;
    }

    /** Does a driver with open compression queues honour {@code level}? */
    public boolean someDriverHonoursLevel(int level) {
        return (levelsHonoured & (1 << level)) != 0;
    }

    /**
     * While no driver has opened a queue yet, shortly after start: a request nothing could
     * serve waits (until the returned time) for a driver instead of failing NO_DRIVER.
     *
     * @return the end of the grace, or 0 when there is none (a driver was seen, or time is up)
     */
    public long startupGraceEnd() {
        if (driversSeen) {
            return 0;
        }
        long end = graceEndsNanos;
        return System.nanoTime() - end < 0 ? end : 0;
    }

    /** Waits until some open queue serves the algorithm in the direction, within the fallback. */
    public boolean awaitQueue(Algorithm algorithm, Operation operation, FallbackPolicy fallback, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
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
