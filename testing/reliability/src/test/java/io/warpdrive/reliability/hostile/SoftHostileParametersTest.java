package io.warpdrive.reliability.hostile;

import io.warpdrive.driver.soft.SoftDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Hostile parameters with the soft driver serving. */
class SoftHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
