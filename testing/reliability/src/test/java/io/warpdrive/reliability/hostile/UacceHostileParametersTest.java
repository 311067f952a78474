package io.warpdrive.reliability.hostile;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Hostile parameters with the hisi_zip driver serving over emulated devices (buffers are bounced). */
class UacceHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.emulatedHisiZip();
    }
}
