package io.warpdrive.reliability.hostile;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.zstdlz4.ZstdLz4DriverUnderTest;
import io.warpdrive.testing.conformance.DriverUnderTest;

/** Hostile parameters with the zstd-lz4 driver serving zstd. */
class ZstdHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @Override
    protected Algorithm algorithm() {
        return Algorithm.ZSTD;
    }
}
