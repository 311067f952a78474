package io.warpdrive.reliability.hostile;

import io.warpdrive.driver.hisi_zip.UacceDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Hostile parameters with the hisi_zip driver serving over emulated devices (buffers are bounced). */
class UacceHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
