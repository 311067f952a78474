package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.StreamConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdStreamTest extends StreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdDriverUnderTest.start();
    }
}
