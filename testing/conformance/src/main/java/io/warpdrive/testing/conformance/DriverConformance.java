package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.testing.platform.TestPlatform;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every conformance class shares: the driver under test, started once per class and
 * bound alone to a real engine ({@link TestPlatform}), so that every request is served by
 * it (there is no other driver to fall back to) and {@link Request#servedBy()} proves it.
 *
 * <p>A driver module subclasses each conformance class and implements
 * {@link #openDriver()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DriverConformance {
    /** How long a test waits for the driver's queues to open. */
    protected static final Duration QUEUE_WAIT = Duration.ofSeconds(20);

    protected DriverUnderTest driverUnderTest;
    protected TestPlatform platform;
    protected Compressor compressor;

    /** Starts the driver under test. */
    protected abstract DriverUnderTest openDriver();

    /**
     * The engine the driver runs under; a subclass may change its settings. The platform holds
     * no stream output for the caller here: the driver under test holds back what does not fit.
     */
    protected TestPlatform.Builder engineSettings() {
        return TestPlatform.builder().queuesPerDevice(2).streamHoldOutput(false);
    }

    @BeforeAll
    protected final void startDriverAndEngine() {
        driverUnderTest = openDriver();
        platform = engineSettings().build();
        platform.bind(driverUnderTest.driver());
        compressor = platform.compressorFor("io.warpdrive.conformance." + getClass().getSimpleName());
        for (Algorithm a : driverUnderTest.algorithms()) {
            for (Operation op : Operation.values()) {
                assertTrue(platform.platform().awaitQueue(a, op, FallbackPolicy.AUTO, QUEUE_WAIT),
                        "driver " + driverName() + " opened a queue for " + a.uadkName() + " " + op);
            }
        }
    }

    @AfterAll
    protected final void stopEngineAndDriver() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (driverUnderTest != null) {
                driverUnderTest.close();
            }
        }
    }

    protected final String driverName() {
        return driverUnderTest.driver().name();
    }

    /** The algorithms the driver's devices serve, in the enum's order: the parameters of per-algorithm tests. */
    protected final Stream<Algorithm> servedAlgorithms() {
        return Arrays.stream(Algorithm.values()).filter(driverUnderTest.algorithms()::contains);
    }

    /** Skips the test for an algorithm the driver's devices do not serve. */
    protected final void assumeServes(Algorithm algorithm) {
        Assumptions.assumeTrue(driverUnderTest.algorithms().contains(algorithm),
                "driver " + driverName() + " does not serve " + algorithm.uadkName());
    }

    /** A stateless session (AUTO: with this driver alone, it serves every request). */
    protected final Session session(Algorithm algorithm, int level) {
        assumeServes(algorithm);
        return compressor.openSession(SessionSpec.of(algorithm).withLevel(level));
    }

    protected final StreamSession stream(Operation operation, Algorithm algorithm, int level) {
        assumeServes(algorithm);
        return compressor.openStream(operation, SessionSpec.of(algorithm).withLevel(level));
    }

    /** The request was served by the driver under test. */
    protected final void assertServedByDriver(Request r) {
        assertEquals(driverName(), r.servedBy(), "served by the driver under test");
    }
}
