package io.warpdrive.itests;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for conditions that announce themselves by no event, such as files a
 * bundle writes: the condition is checked every few milliseconds until it holds, and the
 * test fails, saying what it waited for, when it does not within {@link InFramework#TIMEOUT_S}.
 */
final class Await {
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(() -> what, condition);
    }

    /** As {@link #until(String, BooleanSupplier)}, the description made when the wait failed (with what was seen). */
    static void until(Supplier<String> what, BooleanSupplier condition) {
        until(what, condition, InFramework.TIMEOUT_S);
    }

    /** As {@link #until(Supplier, BooleanSupplier)}, with its own bound in seconds. */
    static void until(Supplier<String> what, BooleanSupplier condition, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what.get());
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
    }
}
