package io.warpdrive.reliability.bombs;

import io.warpdrive.driver.hisi_zip.UacceDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The bombs on the hisi_zip driver over emulated devices (requests larger than an SQE are split). */
class UacceDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
