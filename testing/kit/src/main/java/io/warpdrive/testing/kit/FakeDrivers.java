package io.warpdrive.testing.kit;

import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Driver;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The fake drivers an engine harness bound and shuts down when it closes, and what tests do
 * with them all at once. Both engine harnesses use it — the engine's own tests' and
 * testing/platform's {@code TestPlatform}, which sit on either side of the engine in the build —
 * handing it their engine's bind and unbind.
 */
public final class FakeDrivers {
    private final List<FakeDriver> drivers = new CopyOnWriteArrayList<>();
    private final Consumer<Driver> bind;
    private final Consumer<Driver> unbind;

    public FakeDrivers(Consumer<Driver> bind, Consumer<Driver> unbind) {
        this.bind = bind;
        this.unbind = unbind;
    }

    /** Binds {@code d} to the engine and keeps it, to shut down on {@link #shutdown()}. */
    public FakeDriver bind(FakeDriver d) {
        drivers.add(d);
        bind.accept(d);
        return d;
    }

    /** The drivers bound, in order (a live, unmodifiable view). */
    public List<FakeDriver> all() {
        return Collections.unmodifiableList(drivers);
    }

    /** From now on every job fails with {@code status}; null lets them succeed again. */
    public void failJobsWith(WdStatus status) {
        for (FakeDriver d : drivers) {
            d.failWith = status;
        }
    }

    /** Stream states the drivers created that have not been closed yet. */
    public int openStreamStates() {
        int open = 0;
        for (FakeDriver d : drivers) {
            open += d.streamsOpened.get() - d.streamsClosed.get();
        }
        return open;
    }

    /** Unbinds every driver, as when their bundles stop. */
    public void unbindAll() {
        for (FakeDriver d : drivers) {
            unbind.accept(d);
        }
    }

    /** Stops the drivers' threads and timers (after the engine stopped). */
    public void shutdown() throws InterruptedException {
        for (FakeDriver d : drivers) {
            d.shutdown();
        }
    }

    /** Appends the queues with jobs in flight or done and not yet reaped, and held jobs: for a failing test's message. */
    public void describe(StringBuilder b) {
        for (FakeDriver d : drivers) {
            for (FakeDriver.FakeQueue q : d.queues) {
                if (q.inFlight.get() != 0 || !q.done.isEmpty()) {
                    b.append("  fake ").append(d.name).append(" closed=").append(q.closed).append(" inFlight=")
                            .append(q.inFlight.get()).append(" done=").append(q.done.size()).append('\n');
                }
            }
            b.append("  ").append(d.name).append(" held=").append(d.held.size()).append('\n');
        }
    }
}
