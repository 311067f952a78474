package io.warpdrive.sched.coordinator;

/**
 * Time and timers of the coordinator: in production a scheduled executor
 * ({@link ExecutorClock}); in tests a clock the test advances, so no test sleeps.
 */
interface TuneClock {

    /** Now, in nanoseconds of an arbitrary origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now. */
    Timer schedule(Runnable task, long delayNanos);

    /** A scheduled task. */
    interface Timer {
        /** Cancels the task if it has not run; harmless afterwards. */
        void cancel();
    }
}
