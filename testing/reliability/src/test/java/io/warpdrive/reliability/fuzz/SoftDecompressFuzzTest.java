package io.warpdrive.reliability.fuzz;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Fuzzes the soft driver's decompression (java.util.zip behind the platform's framing). */
class SoftDecompressFuzzTest extends DecompressFuzzing {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.soft();
    }
}
