package io.warpdrive.reliability.bombs;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Decompression bombs with the isal driver serving; skipped without libisal. */
class IsalDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.isal();
    }
}
