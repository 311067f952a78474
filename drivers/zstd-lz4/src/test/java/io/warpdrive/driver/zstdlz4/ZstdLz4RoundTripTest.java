package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.RoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdLz4RoundTripTest extends RoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }
}
