package io.warpdrive.reliability.fuzz;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Fuzzes the zstd-lz4 driver's decompression: zstd through zstd-jni, LZ4 through the shared frame decoder. */
class ZstdLz4DecompressFuzzTest extends DecompressFuzzing {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.zstdLz4();
    }
}
