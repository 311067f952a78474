package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.RoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's RoundTripConformance, run against the soft driver. */
class SoftRoundTripTest extends RoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
