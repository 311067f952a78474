package io.warpdrive.driver.zstdlz4;

import io.warpdrive.lib.Driver;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.HashMap;
import java.util.Map;

/**
 * The zstd-lz4 driver started outside a framework, as Declarative Services would start it. Public
 * (and in this module's test-jar) for the reliability suite.
 */
public final class ZstdLz4DriverUnderTest implements DriverUnderTest {
    private final ZstdLz4Driver driver = new ZstdLz4Driver();
    private final TestLoggers.Recording log = TestLoggers.recording("zstd-lz4");

    ZstdLz4DriverUnderTest(Map<String, ?> config) {
        driver.logger = log.logger();
        driver.activate(new HashMap<>(config));
    }

    public static ZstdLz4DriverUnderTest start() {
        return new ZstdLz4DriverUnderTest(Map.of());
    }

    @Override
    public Driver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.deactivate();
    }
}
