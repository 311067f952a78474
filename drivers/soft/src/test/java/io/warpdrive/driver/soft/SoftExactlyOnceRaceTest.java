package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.ExactlyOnceRaceConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's ExactlyOnceRaceConformance, run against the soft driver. */
class SoftExactlyOnceRaceTest extends ExactlyOnceRaceConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
