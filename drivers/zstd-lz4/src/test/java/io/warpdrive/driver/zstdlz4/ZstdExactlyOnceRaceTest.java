package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.ExactlyOnceRaceConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdExactlyOnceRaceTest extends ExactlyOnceRaceConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdDriverUnderTest.start();
    }
}
