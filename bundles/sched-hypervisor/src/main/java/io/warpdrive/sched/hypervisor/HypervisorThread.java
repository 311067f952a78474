package io.warpdrive.sched.hypervisor;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The hypervisor's one thread: a round every tick, and one at once when an {@link Events event}
 * is pushed — no sooner than {@link #EVENT_GAP_NANOS} (or a tenth of a shorter tick) after the
 * last round, so that a flood of events (a saturated context raises one every round) costs at
 * most a round per gap. The shell's commands run between rounds. All the hypervisor's state
 * is confined to it.
 */
final class HypervisorThread implements Runnable {
    /** Time after a round before the next one events ask for. */
    static final long EVENT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final IntConsumer round;
    private final Events events;
    private final Queue<FutureTask<?>> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile long periodNanos;
    private volatile boolean running = true;

    /** @param round one round, given the events that asked for it (0: the tick) */
    HypervisorThread(String name, long periodNanos, Events events, IntConsumer round) {
        this.round = round;
        this.events = events;
        this.periodNanos = periodNanos;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        events.waiter(thread);
    }

    void start() {
        thread.start();
    }

    void period(long nanos) {
        periodNanos = nanos;
        LockSupport.unpark(thread);
    }

    /** Runs {@code what} on this thread between rounds. */
    <T> Future<T> submit(Callable<T> what) {
        FutureTask<T> task = new FutureTask<>(what);
        if (!running) {
            task.cancel(false);
            return task;
        }
        commands.add(task);
        LockSupport.unpark(thread);
        return task;
    }

    /** Stops after the current round; false if it did not within the timeout. */
    boolean stop(long timeoutMillis) throws InterruptedException {
        running = false;
        events.waiter(null);
        LockSupport.unpark(thread);
        thread.join(timeoutMillis);
        FutureTask<?> t;
        while ((t = commands.poll()) != null) {
            t.cancel(false);
        }
        return !thread.isAlive();
    }

    @Override
    public void run() {
        long last = System.nanoTime() - periodNanos;
        while (running) {
            FutureTask<?> t;
            while ((t = commands.poll()) != null) {
                t.run();
            }
            long now = System.nanoTime();
            long due = last + periodNanos;
            if (events.any()) {
                due = last + Math.min(EVENT_GAP_NANOS, periodNanos / 10);
            }
            if (now - due >= 0) {
                last = now;
                round.accept(events.take());
            } else {
                LockSupport.parkNanos(this, due - now);
            }
        }
    }
}
