package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.CorruptInputConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's CorruptInputConformance, run against the soft driver. */
class SoftCorruptInputTest extends CorruptInputConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
