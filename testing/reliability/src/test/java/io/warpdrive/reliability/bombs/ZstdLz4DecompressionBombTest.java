package io.warpdrive.reliability.bombs;

import io.warpdrive.driver.zstdlz4.ZstdLz4DriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdLz4DecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }
}
