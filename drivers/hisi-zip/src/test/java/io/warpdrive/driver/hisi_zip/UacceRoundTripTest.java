package io.warpdrive.driver.hisi_zip;

import io.warpdrive.testing.conformance.RoundTripConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's RoundTripConformance, run against the hisi_zip driver on emulated devices. */
class UacceRoundTripTest extends RoundTripConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
