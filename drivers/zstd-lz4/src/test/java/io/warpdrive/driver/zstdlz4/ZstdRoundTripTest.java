package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.RoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdRoundTripTest extends RoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdDriverUnderTest.start();
    }
}
