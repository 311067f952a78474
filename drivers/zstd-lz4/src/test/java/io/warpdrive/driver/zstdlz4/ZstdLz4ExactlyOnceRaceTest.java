package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.ExactlyOnceRaceConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdLz4ExactlyOnceRaceTest extends ExactlyOnceRaceConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }
}
