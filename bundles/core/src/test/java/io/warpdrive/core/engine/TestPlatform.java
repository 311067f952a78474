package io.warpdrive.core.engine;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.stats.HypervisorTagListener;
import io.warpdrive.stats.UsageStats;
import io.warpdrive.testing.kit.Await;
import io.warpdrive.testing.kit.FakeDriver;
import io.warpdrive.testing.kit.FakeDrivers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Constants;

/**
 * The engine's own test harness: an engine outside a framework, with the test kit's fake drivers
 * bound by hand, and the package-private members engine tests use (settings, the engine itself,
 * a clock). Other modules use testing/platform's TestPlatform, which sees only the engine's
 * public types; this one stays with the engine's tests, which the test kit cannot depend on
 * (the kit comes after the engine in the build).
 */
public final class TestPlatform implements AutoCloseable {
    final Engine engine = new Engine();
    private final Platform platform = new PlatformService(engine);
    final FakeDrivers fakes = new FakeDrivers(engine::bindDriver, engine::unbindDriver);
    private long nextServiceId = 100;
    private volatile Settings settings;

    public TestPlatform(Settings settings) {
        this(settings, io.warpdrive.core.model.NanoClock.SYSTEM);
    }

    /** An engine whose jobs are stamped, and models taught, by {@code clock} (a {@link Simulation}). */
    TestPlatform(Settings settings, io.warpdrive.core.model.NanoClock clock) {
        this.settings = settings;
        engine.useClock(clock);
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
        p.fakes.bind(new FakeDriver("copy", CalcType.SOFT, 0));
        return p;
    }

    /** From now on every job fails with {@code status}; null lets them succeed again. */
    public void failJobsWith(WdStatus status) {
        fakes.failJobsWith(status);
    }

    /** Stream states the drivers created that have not been closed yet. */
    public int openStreamStates() {
        return fakes.openStreamStates();
    }

    /** Unbinds every driver, as when their bundles stop. */
    public void removeDrivers() {
        fakes.unbindAll();
    }


    // ---- for the engine's own tests --------------------------------------------------------

    public FakeDriver add(FakeDriver d) {
        return fakes.bind(d);
    }

    /** Binds a driver, as Declarative Services does when its service appears. */
    public void bind(Driver d) {
        engine.bindDriver(d);
    }

    /** Unbinds a driver, as when its service goes away: its queues are closed. */
    public void unbind(Driver d) {
        engine.unbindDriver(d);
    }

    void remove(Driver d) {
        engine.unbindDriver(d);
    }

    public void addScheduler(Scheduler s, int ranking) {
        engine.bindScheduler(s, Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, nextServiceId++));
    }

    /** Binds a scheduling policy with a ranking, as Declarative Services does when its service appears. */
    public void bind(Scheduler s, int ranking) {
        addScheduler(s, ranking);
    }

    /** Unbinds a scheduling policy, as when its service goes away. */
    public void unbind(Scheduler s) {
        engine.unbindScheduler(s);
    }

    /** Binds a hypervisor tag listener (whiteboard), as Declarative Services does. */
    public void bindTagListener(HypervisorTagListener l) {
        engine.bindTagListener(l);
    }

    /** The drivers bound by the platform itself ({@link #withCopyingDriver()}'s, say). */
    public List<Driver> drivers() {
        return List.copyOf(fakes.all());
    }

    /** The accounting service of this engine. */
    public UsageStats usage() {
        return engine.usage();
    }

    CompressorImpl compressor(String consumer) {
        return CompressorImpl.of(engine, consumer, "1.0.0", 42);
    }

    /** The Compressor a consumer bundle with this symbolic name would get. */
    public Compressor compressorFor(String consumer) {
        return compressor(consumer);
    }

    /** The Compressor of a consumer bundle with this symbolic name and bundle id (distinct consumers, distinct ids). */
    public Compressor compressorFor(String consumer, long bundleId) {
        return CompressorImpl.of(engine, consumer, "1.0.0", bundleId);
    }

    /** The engine itself, for benchmarks of its rooms (its types are public, their packages not exported). */
    public Engine engine() {
        return engine;
    }

    /** The engine's administrative face (queue view, awaitQueue). */
    public Platform platform() {
        return platform;
    }

    /** Requests waiting in line for a queue with room (HARDWARE_ONLY with every hardware queue busy or absent). */
    public int waitingForCapacity() {
        return engine.line().waiting();
    }

    @Override
    public void close() throws Exception {
        engine.stop();
        fakes.shutdown();
    }

    /** Where requests are: for a failing test's message. */
    public String describe() {
        StringBuilder b = new StringBuilder("\nline waiting=" + engine.line().waiting() + ", " + engine.poller() + "\n");
        for (EngineQueue q : engine.views().pollSet()) {
            int inFlightSlots = 0;
            for (int t = 0; t < q.slotCount(); t++) {
                if (q.slot(t).isInFlight()) {
                    inFlightSlots++;
                }
            }
            b.append("  ").append(q).append(" state=").append(q.state()).append(" slotsInFlight=").append(inFlightSlots)
                    .append(" inView=").append(engine.views().view().contains(q)).append(" mode=").append(q.completionMode())
                    .append('\n');
        }
        fakes.describe(b);
        return b.toString();
    }

    /** Waits (bounded, 10 s) for a condition; fails the test if it does not hold in time. */
    public static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    /** Waits at most {@code bound} for a condition; fails the test if it does not hold in time. */
    public static void await(String what, BooleanSupplier condition, Duration bound) {
        Await.until(what, condition, bound);
    }
}
