package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.StartedDriver;
import java.util.Map;

/**
 * The zstd-lz4 driver started outside a framework through its starter, for this module's tests
 * (other modules take it from the test kit's {@code TestDrivers}).
 */
final class ZstdLz4DriverUnderTest {
    private ZstdLz4DriverUnderTest() {
    }

    static StartedDriver<ZstdLz4Driver> start() {
        return StartedDriver.start(ZstdLz4Driver.NAME, log -> ZstdLz4Driver.startOutsideFramework(log, Map.of()),
                ZstdLz4Driver::stop);
    }
}
