package io.warpdrive.driver.zstdlz4;

import io.warpdrive.testing.conformance.CorruptInputConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdCorruptInputTest extends CorruptInputConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdDriverUnderTest.start();
    }
}
