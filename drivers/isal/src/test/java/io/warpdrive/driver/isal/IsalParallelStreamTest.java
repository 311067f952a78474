package io.warpdrive.driver.isal;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.ParallelStreamConformance;

/** The conformance kit's ParallelStreamConformance, run against the isal driver. */
class IsalParallelStreamTest extends ParallelStreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
