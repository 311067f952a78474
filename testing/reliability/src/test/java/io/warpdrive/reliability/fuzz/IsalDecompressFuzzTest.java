package io.warpdrive.reliability.fuzz;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Fuzzes the isal driver's decompression (igzip's inflate behind the platform's framing); skipped without libisal. */
class IsalDecompressFuzzTest extends DecompressFuzzing {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.isal();
    }

    /**
     * igzip decodes some dynamic Huffman headers zlib refuses (incomplete literal/length or
     * distance code sets, found by this test): a difference between decoders, not a fault of
     * the platform.
     */
    @Override
    protected boolean acceptsMoreThanZlib() {
        return true;
    }
}
