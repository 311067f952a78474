package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.StreamConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's StreamConformance, run against the isal driver. */
class IsalStreamTest extends StreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
