package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.CorpusRoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorpusRoundTripConformance, run against the soft driver. */
class SoftCorpusRoundTripTest extends CorpusRoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
