package io.warpdrive.reliability.bombs;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

class SoftDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.soft();
    }
}
