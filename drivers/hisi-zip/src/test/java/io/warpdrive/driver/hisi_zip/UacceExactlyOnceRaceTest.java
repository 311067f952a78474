package io.warpdrive.driver.hisi_zip;

import io.warpdrive.testing.conformance.ExactlyOnceRaceConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's ExactlyOnceRaceConformance, run against the hisi_zip driver on emulated devices. */
class UacceExactlyOnceRaceTest extends ExactlyOnceRaceConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
