package io.warpdrive.driver.uacce;

import io.warpdrive.testing.conformance.CorpusRoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorpusRoundTripConformance, run against the hisi_zip driver on emulated devices. */
class UacceCorpusRoundTripTest extends CorpusRoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
