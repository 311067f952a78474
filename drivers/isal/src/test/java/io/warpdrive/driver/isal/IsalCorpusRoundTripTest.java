package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.CorpusRoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorpusRoundTripConformance, run against the isal driver. */
class IsalCorpusRoundTripTest extends CorpusRoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
