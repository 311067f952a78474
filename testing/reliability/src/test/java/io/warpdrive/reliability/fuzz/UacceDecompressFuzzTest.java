package io.warpdrive.reliability.fuzz;

import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.drivers.TestDrivers;
import java.util.Map;

/**
 * Fuzzes the hisi_zip driver's decompression on emulated devices: the driver's gzip/zlib
 * framing and SQE handling in Java, the emulated device's zlib in C behind the ring. Small
 * SQEs (4 KiB) so that inputs are split into stateful requests as large ones are on a real
 * device; a native fault here would abort the JVM and fail the build.
 */
class UacceDecompressFuzzTest extends DecompressFuzzing {
    @Override
    protected DriverUnderTest openDriver() {
        return TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;depth=64", Map.of("sqe.max.kb", 4));
    }
}
