package io.warpdrive.reliability.fuzz;

import io.warpdrive.driver.soft.SoftDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Fuzzes the soft driver's decompression (java.util.zip behind the platform's framing). */
class SoftDecompressFuzzTest extends DecompressFuzzing {
    @Override
    protected DriverUnderTest openDriver() {
        return SoftDriverUnderTest.start();
    }
}
