package io.warpdrive.sched.coordinator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock the test moves: timers run, in deadline order, when {@link #advance} passes them. */
final class ManualClock implements TuneClock {
    private long now = 1_000_000_000L;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task implements Timer {
        final long due;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + delayNanos, task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running each timer that falls due, at its own time. */
    void advance(Duration d) {
        long until = now + d.toNanos();
        for (;;) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= until)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.run.run();
        }
        now = until;
        tasks.removeIf(t -> t.cancelled);
    }

    /** Timers scheduled and neither run nor cancelled. */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
