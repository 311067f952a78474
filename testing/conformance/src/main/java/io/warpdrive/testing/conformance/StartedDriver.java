package io.warpdrive.testing.conformance;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Assumptions;
import org.osgi.service.log.Logger;

/**
 * A real driver started outside a framework through its own public starter (each driver's
 * {@code startOutsideFramework(Logger, Map)}), with a recording logger: what a driver's own
 * tests, the conformance suite and other modules' tests run against. Everything the suite asks
 * of it is read from the driver itself — the algorithms its devices serve both ways, the windows
 * its description compresses with — except what only the driver's configuration knows (the most
 * one device request carries) and what a driver still holds when it stops, which its starter
 * names here.
 *
 * @param <D> the driver's class, so that a test reaches its own driver's methods
 */
public final class StartedDriver<D extends Driver> implements DriverUnderTest {
    private final D driver;
    private final TestLoggers.Recording log;
    private final Consumer<D> stop;
    private ToIntFunction<D> requestLimit = d -> 0;
    private Function<D, String> unreleased = d -> null;

    private StartedDriver(D driver, TestLoggers.Recording log, Consumer<D> stop) {
        this.driver = driver;
        this.log = log;
        this.stop = stop;
    }

    /**
     * Starts a driver: {@code starter} gets a logger that records what the driver logs under
     * {@code name}; {@code stop} ends the driver on {@link #close()}.
     */
    public static <D extends Driver> StartedDriver<D> start(String name, Function<Logger, D> starter,
            Consumer<D> stop) {
        TestLoggers.Recording log = TestLoggers.recording(name);
        return new StartedDriver<>(starter.apply(log.logger()), log, stop);
    }

    /** The most one device request carries under the driver's configuration, 0 when unlimited. */
    public StartedDriver<D> withRequestLimit(ToIntFunction<D> limit) {
        this.requestLimit = limit;
        return this;
    }

    /**
     * What the driver still holds when it is stopped, described, or null when nothing: {@link
     * #close()} fails with it (a leak), unless the test that just ran was aborted ({@link TestOutcome}).
     */
    public StartedDriver<D> failingCloseOn(Function<D, String> unreleased) {
        this.unreleased = unreleased;
        return this;
    }

    /** Skips the test, with the driver's reason, where the driver is unavailable on this machine. */
    public StartedDriver<D> assumeAvailable(String hint) {
        String reason = driver.unavailableReason();
        if (reason != null) {
            close();
            Assumptions.abort("the " + driver.name() + " driver is unavailable here (" + hint + "): " + reason);
        }
        return this;
    }

    @Override
    public D driver() {
        return driver;
    }

    /** What the driver logged. */
    public TestLoggers.Recording log() {
        return log;
    }

    /**
     * The algorithms some device serves both ways; one served one way only (hisi_zip's zstd and
     * LZ4) is in {@link #compressOnlyAlgorithms()}.
     */
    @Override
    public Set<Algorithm> algorithms() {
        Set<Algorithm> both = EnumSet.noneOf(Algorithm.class);
        for (Device d : driver.devices()) {
            for (Algorithm a : d.algorithms()) {
                if (d.serves(a, Operation.COMPRESS, WindowSize.W32K) && d.serves(a, Operation.DECOMPRESS, WindowSize.W32K)) {
                    both.add(a);
                }
            }
        }
        return both;
    }

    /** As the driver's description says. */
    @Override
    public Set<WindowSize> compressionWindows() {
        return driver.info().compressionWindows();
    }

    @Override
    public int[] requestLimits() {
        int limit = requestLimit.applyAsInt(driver);
        return limit > 0 ? new int[] {limit} : new int[0];
    }

    @Override
    public void close() {
        String left = unreleased.apply(driver);
        stop.accept(driver);
        if (left != null && !TestOutcome.aborted()) {
            throw new AssertionError(left);
        }
    }
}
