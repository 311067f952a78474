package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.Map;
import java.util.Set;

/**
 * The hisi_zip driver started outside a framework on emulated devices through its starter, for
 * this module's tests (other modules take it from the test kit's {@code TestDrivers}). What the
 * conformance kit round-trips on it alone are the algorithms its devices serve both ways (zstd
 * and LZ4 are compression only on the device: UacceZstdTest and UacceLz4Test cover them); the
 * most one SQE carries is its request limit; on close it fails when a queue or stream context
 * is still held ({@link UacceDriver#unreleased()}), then stops the driver and the emulator.
 */
final class UacceDriverUnderTest implements DriverUnderTest {
    private final StartedDriver<UacceDriver> started;

    private UacceDriverUnderTest(StartedDriver<UacceDriver> started) {
        this.started = started;
    }

    /** {@code devices} emulated devices with libwdemu {@code options} and driver configuration {@code config}. */
    static UacceDriverUnderTest emulating(int devices, String options, Map<String, ?> config) {
        return new UacceDriverUnderTest(StartedDriver.start(UacceDriver.NAME,
                log -> UacceDriver.startEmulated(log, devices, options, config), UacceDriver::stop)
                .withRequestLimit(UacceDriver::maxSqeBytes).failingCloseOn(UacceDriver::unreleased));
    }

    /** Two emulated hisi_qm_v3 devices (deflate, zlib and gzip), default settings. */
    static UacceDriverUnderTest emulating() {
        return emulating(2, "api=hisi_qm_v3;depth=256", Map.of());
    }

    @Override
    public Set<Algorithm> algorithms() {
        return started.algorithms();
    }

    @Override
    public int[] requestLimits() {
        return started.requestLimits();
    }

    @Override
    public UacceDriver driver() {
        return started.driver();
    }

    Emulator emulator() {
        return driver().emulator();
    }

    /** Stream contexts the driver has handed out and not yet seen closed (close fails unless 0). */
    int openStreams() {
        return driver().openStreams();
    }

    TestLoggers.Recording log() {
        return started.log();
    }

    @Override
    public void close() {
        started.close();
    }
}
