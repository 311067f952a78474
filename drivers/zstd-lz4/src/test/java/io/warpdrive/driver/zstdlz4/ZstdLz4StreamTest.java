package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.StreamConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdLz4StreamTest extends StreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }
}
