package io.warpdrive.reliability.bombs;

import io.warpdrive.driver.zstdlz4.ZstdDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

class ZstdDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdDriverUnderTest.start();
    }
}
