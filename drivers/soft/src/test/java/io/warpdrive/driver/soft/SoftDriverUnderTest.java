package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.StartedDriver;
import java.util.Map;

/**
 * The soft driver started outside a framework through its public starter, for this module's
 * tests (other modules take it from the test kit's {@code TestDrivers}).
 */
final class SoftDriverUnderTest {
    private SoftDriverUnderTest() {
    }

    /** The soft driver with its default configuration. */
    static StartedDriver<SoftDriver> start() {
        return start(Map.of());
    }

    /** The soft driver with configuration properties ({@code workers}, {@code depth}, ...). */
    static StartedDriver<SoftDriver> start(Map<String, ?> config) {
        return StartedDriver.start(SoftDriver.NAME, log -> SoftDriver.startOutsideFramework(log, config),
                SoftDriver::stop);
    }
}
