package io.warpdrive.reliability.bombs;

import io.warpdrive.driver.soft.SoftDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

class SoftDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
