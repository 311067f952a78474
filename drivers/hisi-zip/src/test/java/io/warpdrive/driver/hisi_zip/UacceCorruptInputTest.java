package io.warpdrive.driver.hisi_zip;

import io.warpdrive.testing.conformance.CorruptInputConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorruptInputConformance, run against the hisi_zip driver on emulated devices. */
class UacceCorruptInputTest extends CorruptInputConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return UacceDriverUnderTest.emulating();
    }
}
