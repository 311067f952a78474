package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.ExactlyOnceRaceConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's ExactlyOnceRaceConformance, run against the isal driver. */
class IsalExactlyOnceRaceTest extends ExactlyOnceRaceConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
