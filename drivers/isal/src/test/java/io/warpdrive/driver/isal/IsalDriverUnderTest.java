package io.warpdrive.driver.isal;

import io.warpdrive.driver.isal.igzip.IgzipLoader;
import io.warpdrive.testing.conformance.StartedDriver;
import java.util.Map;

/**
 * The isal driver started outside a framework through its starter, for this module's tests
 * (other modules take it from the test kit's {@code TestDrivers}).
 */
final class IsalDriverUnderTest {
    private IsalDriverUnderTest() {
    }

    /**
     * The driver on this machine's libisal with its default configuration; the test is
     * skipped, with the reason, where libisal is not installed (CI installs it).
     */
    static StartedDriver<IsalDriver> start() {
        return start(Map.of());
    }

    static StartedDriver<IsalDriver> start(Map<String, ?> config) {
        return StartedDriver.start(IsalDriver.NAME, log -> IsalDriver.startOutsideFramework(log, config),
                IsalDriver::stop).assumeAvailable("install libisal2");
    }

    /** The driver with a given loader, available or not. */
    static StartedDriver<IsalDriver> start(Map<String, ?> config, IgzipLoader loader) {
        return StartedDriver.start(IsalDriver.NAME, log -> IsalDriver.startOutsideFramework(log, config, loader),
                IsalDriver::stop);
    }
}
