package io.warpdrive.reliability.hostile;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;

/** Hostile parameters with the zstd-lz4 driver serving zstd. */
class ZstdHostileParametersTest extends HostileParameters {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.zstdLz4();
    }

    @Override
    protected Algorithm algorithm() {
        return Algorithm.ZSTD;
    }
}
