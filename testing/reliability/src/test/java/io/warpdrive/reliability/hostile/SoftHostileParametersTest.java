package io.warpdrive.reliability.hostile;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Hostile parameters with the soft driver serving. */
class SoftHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.soft();
    }
}
