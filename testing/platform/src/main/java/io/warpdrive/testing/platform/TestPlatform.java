package io.warpdrive.testing.platform;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.PlatformService;
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
 * The real engine outside a framework, with drivers and scheduling policies bound by hand, as
 * Declarative Services binds them: enough to run a real driver under the real engine (the driver
 * conformance kit does), to test what is built on the API (with the test kit's
 * {@link FakeDriver}: {@link #withCopyingDriver()}), and to benchmark the request path.
 *
 * <p>It uses the engine's public types only (their packages are not exported: this is a test
 * module's view of the bundle's inside, as a benchmark's).
 */
public final class TestPlatform implements AutoCloseable {
    private final Engine engine = new Engine();
    private final Platform platform = new PlatformService(engine);
    private final FakeDrivers fakes = new FakeDrivers(engine::bindDriver, engine::unbindDriver);
    private long nextServiceId = 100;
    private volatile Settings settings;

    private TestPlatform(Settings settings) {
        this.settings = settings;
        engine.start(settings);
    }

    /** An engine with the default settings. */
    public TestPlatform() {
        this(Settings.defaults());
    }

    /** Settings for an engine started outside a framework; unset ones keep the engine's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine settings a test may choose (the rest keep their defaults). */
    public static final class Builder {
        private final Settings.Builder settings = new Settings.Builder();

        private Builder() {
        }

        /** Queues opened per device and direction ({@code queues.default}). */
        public Builder queuesPerDevice(int n) {
            settings.queuesDefault(n);
            return this;
        }

        /** A job in flight longer than this marks its queue stuck ({@code job.timeout.ms}). */
        public Builder jobTimeout(Duration timeout) {
            settings.jobTimeoutNanos = timeout.toNanos();
            return this;
        }

        /** How long a request waits for a queue with room ({@code wait.timeout.ms}). */
        public Builder waitTimeout(Duration timeout) {
            settings.waitTimeoutNanos = timeout.toNanos();
            return this;
        }

        /** Re-sends of a stateless request after its queue or driver failed ({@code retries}). */
        public Builder retries(int n) {
            settings.retries = n;
            return this;
        }

        /**
         * A queue count entry {@code DRIVER[/DEVICE][:MODE]=N} ({@code queues}), e.g. all 64
         * instances of an emulated device as 32 queues per direction: {@code hisi_zip=32}.
         */
        public Builder queues(String entry) {
            settings.queueCount(entry);
            return this;
        }

        /** Sync callers spin for requests expected within this time, else park ({@code spin.threshold.us}). */
        public Builder spinThreshold(Duration threshold) {
            settings.spinThresholdNanos = threshold.toNanos();
            return this;
        }

        /** Symbolic-name patterns of system consumers ({@code system.bundles}). */
        public Builder systemBundles(String... patterns) {
            settings.systemBundles(patterns);
            return this;
        }

        /** The most output of one request, in bytes ({@code output.limit.mb}). */
        public Builder outputLimit(long bytes) {
            settings.outputLimit = bytes;
            return this;
        }

        /** The most output of one stream, in bytes; 0: none ({@code stream.output.limit.mb}). */
        public Builder streamOutputLimit(long bytes) {
            settings.streamOutputLimit = bytes;
            return this;
        }

        /**
         * Whether the platform holds a compression stream's output beyond its caller's space
         * ({@code stream.hold.output}; on by default): off, the driver holds it back itself.
         */
        public Builder streamHoldOutput(boolean on) {
            settings.streamHoldOutput = on;
            return this;
        }

        /** The share of hardware compressions verified, for every hardware driver ({@code verify.percent}; off unless set). */
        public Builder verifyPercent(double percent) {
            settings.verifyShares = io.warpdrive.core.engine.health.VerifyShares.all(percent);
            return this;
        }

        /** When devices are quarantined and come back ({@code quarantine.*}). */
        public Builder quarantine(io.warpdrive.core.engine.health.QuarantineRules rules) {
            settings.quarantineRules = rules;
            return this;
        }

        public TestPlatform build() {
            return new TestPlatform(settings.build());
        }
    }

    // ---- drivers and policies, bound by hand ------------------------------------------------

    /** Binds a driver, as Declarative Services does when its service appears. */
    public void bind(Driver d) {
        engine.bindDriver(d);
    }

    /** Unbinds a driver, as when its service goes away: its queues are closed. */
    public void unbind(Driver d) {
        engine.unbindDriver(d);
    }

    /** Binds a scheduling policy with a ranking, as Declarative Services does when its service appears. */
    public void bind(Scheduler s, int ranking) {
        engine.bindScheduler(s, Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, nextServiceId++));
    }

    /** Unbinds a scheduling policy, as when its service goes away. */
    public void unbind(Scheduler s) {
        engine.unbindScheduler(s);
    }

    /** Binds a hypervisor tag listener (whiteboard), as Declarative Services does. */
    public void bindTagListener(HypervisorTagListener l) {
        engine.bindTagListener(l);
    }

    // ---- with the test kit's fake driver ------------------------------------------------------

    /**
     * A running engine with one CPU driver whose "codec" copies input to output: enough to
     * test what is built on the API (buffering, flush modes, errors, closing), not codecs.
     */
    public static TestPlatform withCopyingDriver() {
        TestPlatform p = new TestPlatform();
        p.bindFake(new FakeDriver("copy", CalcType.SOFT, 0));
        return p;
    }

    /** Binds a fake driver that this platform shuts down when it closes. */
    public FakeDriver bindFake(FakeDriver d) {
        return fakes.bind(d);
    }

    /** From now on every job of the fake drivers fails with {@code status}; null lets them succeed again. */
    public void failJobsWith(WdStatus status) {
        fakes.failJobsWith(status);
    }

    /** Stream states the fake drivers created that have not been closed yet. */
    public int openStreamStates() {
        return fakes.openStreamStates();
    }

    /** Unbinds every fake driver, as when their bundles stop. */
    public void removeDrivers() {
        fakes.unbindAll();
    }

    /** The fake drivers bound by the platform itself ({@link #withCopyingDriver()}'s, say). */
    public List<Driver> drivers() {
        return List.copyOf(fakes.all());
    }

    // ---- what consumers and administrators see ------------------------------------------------

    /** The Compressor a consumer bundle with this symbolic name would get. */
    public Compressor compressorFor(String consumer) {
        return compressorFor(consumer, 42);
    }

    /** The Compressor of a consumer bundle with this symbolic name and bundle id (distinct consumers, distinct ids). */
    public Compressor compressorFor(String consumer, long bundleId) {
        return CompressorImpl.of(engine, consumer, "1.0.0", bundleId);
    }

    /** The accounting service of this engine. */
    public UsageStats usage() {
        return engine.usage();
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

    /** Changes the queue count per device and direction live, as a configuration change does. */
    public void setQueuesPerDevice(int n) {
        settings = settings.toBuilder().queuesDefault(n).build();
        engine.reconfigure(settings);
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
