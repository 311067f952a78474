package io.warpdrive.driver.hisi_zip;

import io.warpdrive.testing.conformance.StreamConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's StreamConformance, run against the hisi_zip driver on emulated devices. */
class UacceStreamTest extends StreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
