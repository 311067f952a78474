package io.warpdrive.reliability.hostile;

import io.warpdrive.driver.isal.IsalDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Hostile parameters with the isal driver serving; skipped without libisal. */
class IsalHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
