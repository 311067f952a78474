package io.warpdrive.core.engine.session;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.lib.Device;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Queues a consumer holds alone ({@code Compressor.reserve}), within the bound per consumer. */
public final class Reservations {
    private final Engine engine;

    public Reservations(Engine engine) {
        this.engine = engine;
    }

    /**
     * Opens queues for one consumer alone, on the drivers allowed by {@code where}, highest
     * priority first, as many as devices have free instances for (at most {@code n}).
     */
    ReservationImpl reserve(Consumer c, Operation op, int n, FallbackPolicy where) {
        engine.checkRunning();
        if (op == null || where == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "operation and fallback policy are required");
        }
        if (n < 1) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "reserve at least one queue, not " + n);
        }
        int bound = engine.settings().reservationMaxQueues;
        if (c.reservedQueues() + n > bound) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, c + " holds " + c.reservedQueues()
                    + " reserved queues; " + n + " more would exceed the bound of " + bound + " per consumer");
        }
        List<DriverBinding> candidates = engine.drivers().all();
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
        ReservationImpl r = new ReservationImpl(engine, c, op, got);
        c.reservations.add(r);
        engine.views().publish();
        engine.log().info(r.toString());
        return r;
    }
}
