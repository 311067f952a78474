package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.RoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's RoundTripConformance, run against the isal driver. */
class IsalRoundTripTest extends RoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
