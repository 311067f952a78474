package io.warpdrive.reliability.bombs;

import io.warpdrive.driver.isal.IsalDriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Decompression bombs with the isal driver serving; skipped without libisal. */
class IsalDecompressionBombTest extends DecompressionBombs {
    @Override
    protected DriverUnderTest openDriver() {
        return IsalDriverUnderTest.start();
    }
}
