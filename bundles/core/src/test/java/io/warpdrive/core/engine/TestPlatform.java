package io.warpdrive.core.engine;

import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Constants;

/**
 * An engine outside a framework, with fake drivers bound by hand. Tests of the API packages
 * (in other packages) use the small public part: an engine with a copying driver, the
 * Compressor of a consumer, failing jobs and counting open stream states.
 */
public final class TestPlatform implements AutoCloseable {
    final Engine engine = new Engine();
    final List<FakeDriver> drivers = new ArrayList<>();
    private long nextServiceId = 100;

    TestPlatform(Settings settings) {
        engine.start(settings);
    }

    public TestPlatform() {
        this(new Settings.Builder().build());
    }

    // ---- public: for tests of the API packages --------------------------------------------

    /**
     * A running engine with one CPU driver whose "codec" copies input to output: enough to
     * test what is built on the API (buffering, flush modes, errors, closing), not codecs.
     */
    public static TestPlatform withCopyingDriver() {
        TestPlatform p = new TestPlatform();
        p.add(new FakeDriver("copy", CalcType.SOFT, 0));
        return p;
    }

    /** The Compressor the consumer bundle {@code name} would get. */
    public Compressor consumer(String name) {
        return compressor(name);
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
    public void removeDrivers() {
        for (FakeDriver d : drivers) {
            remove(d);
        }
    }

    // ---- for the engine's own tests --------------------------------------------------------

    FakeDriver add(FakeDriver d) {
        drivers.add(d);
        engine.bindDriver(d);
        return d;
    }

    void remove(Driver d) {
        engine.unbindDriver(d);
    }

    void addScheduler(Scheduler s, int ranking) {
        engine.bindScheduler(s, Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, nextServiceId++));
    }

    CompressorImpl compressor(String consumer) {
        return engine.newCompressor(consumer, "1.0.0", 42);
    }

    @Override
    public void close() throws Exception {
        engine.stop();
        for (FakeDriver d : drivers) {
            d.shutdown();
        }
    }

    /** Where requests are: for a failing test's message. */
    String describe() {
        StringBuilder b = new StringBuilder("\nline waiting=" + engine.line.waiting() + "\n");
        for (EngineQueue q : engine.pollSet()) {
            int inFlightSlots = 0;
            for (int t = 0; t < q.slotCount(); t++) {
                if (q.slot(t).isInFlight()) {
                    inFlightSlots++;
                }
            }
            b.append("  ").append(q).append(" state=").append(q.state()).append(" slotsInFlight=").append(inFlightSlots)
                    .append('\n');
        }
        for (FakeDriver d : drivers) {
            for (FakeDriver.FakeQueue q : d.queues) {
                if (q.inFlight.get() != 0 || !q.done.isEmpty()) {
                    b.append("  fake ").append(d.name).append(" closed=").append(q.closed).append(" inFlight=")
                            .append(q.inFlight.get()).append(" done=").append(q.done.size()).append('\n');
                }
            }
            b.append("  ").append(d.name).append(" held=").append(d.held.size()).append('\n');
        }
        return b.toString();
    }

    /** Waits (bounded) for a condition; fails the test if it does not hold in time. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
