package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.CorruptInputConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorruptInputConformance, run against the isal driver. */
class IsalCorruptInputTest extends CorruptInputConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
