package io.warpdrive.reliability.bombs;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** The bombs on the hisi_zip driver over emulated devices (requests larger than an SQE are split). */
class UacceDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.emulatedHisiZip();
    }
}
