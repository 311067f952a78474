package io.warpdrive.core.engine.session;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.lib.Device;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Queues a consumer holds alone ({@code Compressor.reserve}), within the bound per consumer. */
public final class Reservations {
    /**
     * A waiting reservation looks again this often: instances come free when a reserved or pooled
     * queue has drained and closed, or a device comes, none of which is on this path; a look is a
     * few queue opens at most, and reserving is rare.
     */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Engine engine;

    public Reservations(Engine engine) {
        this.engine = engine;
    }

    /**
     * {@link #reserve(Consumer, Operation, int, FallbackPolicy)}, looking again until an instance
     * is free: {@code timeout} zero tries once, null waits without limit.
     */
    ReservationImpl reserve(Consumer c, Operation op, int n, FallbackPolicy where, Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a reservation's timeout must not be negative, not "
                    + timeout + " (zero: try once; none: wait without limit)");
        }
        long start = System.nanoTime();
        long wait = timeout == null ? Long.MAX_VALUE : saturatedNanos(timeout);
        for (;;) {
            try {
                return reserve(c, op, n, where);
            } catch (WdException e) {
                long left = wait == Long.MAX_VALUE ? LOOK_NANOS : wait - (System.nanoTime() - start);
                if (e.status() != WdStatus.BUSY || wait == 0) {
                    throw e;
                }
                if (left <= 0) {
                    throw new WdException(WdStatus.TIMEOUT, e.getMessage() + "; waited " + timeout.toMillis() + " ms");
                }
                LockSupport.parkNanos(this, Math.min(left, LOOK_NANOS));
                if (Thread.currentThread().isInterrupted()) {
                    throw new WdException(WdStatus.INVALID_STATE, "interrupted while waiting to reserve a "
                            + op.name().toLowerCase() + " queue");
                }
            }
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Opens queues for one consumer alone, on the drivers allowed by {@code where}, highest
     * priority first, as many as devices have free instances for (at most {@code n}).
     */
    ReservationImpl reserve(Consumer c, Operation op, int n, FallbackPolicy where) {
        return reserveFor(c, op, n, where, true);
    }

    /**
     * As {@link #reserve(Consumer, Operation, int, FallbackPolicy)}; {@code bounded} false for the
     * queues an administrator gives the consumer ({@link ConsumerQueues}), which its bound does not limit.
     */
    ReservationImpl reserveFor(Consumer c, Operation op, int n, FallbackPolicy where, boolean bounded) {
        engine.checkRunning();
        if (op == null || where == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "operation and fallback policy are required");
        }
        if (n < 1) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "reserve at least one queue, not " + n);
        }
        int bound = engine.settings().reservationMaxQueues();
        int own = c.reservedQueues() - engine.consumerQueues().held(c);
        if (bounded && own + n > bound) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, c + " holds " + own
                    + " reserved queues; " + n + " more would exceed the bound of " + bound + " per consumer");
        }
        List<DriverBinding> candidates = engine.drivers().all();
        candidates.removeIf(b -> where == FallbackPolicy.HARDWARE_ONLY ? !b.calcType().isHardware()
                : where == FallbackPolicy.SOFTWARE_ONLY && b.calcType().isHardware());
        candidates.sort(Comparator.comparingInt((DriverBinding b) -> -b.priority()));
        List<EngineQueue> got = new ArrayList<>();
        for (DriverBinding b : candidates) {
            for (Device d : b.driver().devices()) {
                while (got.size() < n) {
                    EngineQueue q = b.openReserved(d, op, c.bundleId());
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
        ReservationImpl r = new ReservationImpl(engine, c, op, got);
        c.reservations().add(r);
        engine.views().publish();
        engine.log().info(r.toString());
        return r;
    }
}
