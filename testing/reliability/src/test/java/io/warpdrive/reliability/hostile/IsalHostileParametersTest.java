package io.warpdrive.reliability.hostile;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Hostile parameters with the isal driver serving; skipped without libisal. */
class IsalHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.isal();
    }
}
