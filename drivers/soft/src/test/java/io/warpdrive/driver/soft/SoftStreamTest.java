package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.StreamConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** The conformance kit's StreamConformance, run against the soft driver. */
class SoftStreamTest extends StreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
