package io.warpdrive.driver.soft;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.ParallelStreamConformance;

/** The conformance kit's ParallelStreamConformance, run against the soft driver. */
class SoftParallelStreamTest extends ParallelStreamConformance {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
