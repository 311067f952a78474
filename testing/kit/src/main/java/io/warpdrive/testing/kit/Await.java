package io.warpdrive.testing.kit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits on a condition: no test sleeps to wait. */
public final class Await {
    private Await() {
    }

    /** Waits (bounded, 10 s) for a condition; fails the test if it does not hold in time. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, Duration.ofSeconds(10));
    }

    /** Waits at most {@code bound} for a condition; fails the test if it does not hold in time. */
    public static void until(String what, BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        int spins = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TimeUnit.NANOSECONDS.toMillis(bound.toNanos())
                        + " ms waiting for: " + what);
            }
            if (++spins < 1000) {
                Thread.onSpinWait();
                Thread.yield();
            } else {
                // a condition that takes long (a watchdog tick, a rescan) need not burn a core
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
