package io.warpdrive.testing.drivers;

import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.isal.IsalDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.testing.conformance.StartedDriver;
import java.util.Map;

/**
 * The product's drivers started outside a framework through their public starters
 * ({@code startOutsideFramework}), for tests and benchmarks that run several drivers together;
 * bind {@link StartedDriver#driver()} to a {@code TestPlatform} and close it afterwards. A driver's
 * own tests start it themselves (this module comes after the drivers).
 */
public final class TestDrivers {
    private TestDrivers() {
    }

    /** The soft driver with its default configuration. */
    public static StartedDriver<SoftDriver> soft() {
        return soft(Map.of());
    }

    /** The soft driver with configuration properties ({@code workers}, {@code depth}, ...). */
    public static StartedDriver<SoftDriver> soft(Map<String, ?> config) {
        return StartedDriver.start(SoftDriver.NAME, log -> SoftDriver.startOutsideFramework(log, config),
                SoftDriver::stop);
    }

    /**
     * The isal driver on this machine's libisal with its default configuration; the test is
     * skipped, with the reason, where libisal is not installed (CI installs it).
     */
    public static StartedDriver<IsalDriver> isal() {
        return StartedDriver.start(IsalDriver.NAME, log -> IsalDriver.startOutsideFramework(log, Map.of()),
                IsalDriver::stop).assumeAvailable("install libisal2");
    }

    /** The zstd-lz4 driver with its default configuration. */
    public static StartedDriver<ZstdLz4Driver> zstdLz4() {
        return StartedDriver.start(ZstdLz4Driver.NAME, log -> ZstdLz4Driver.startOutsideFramework(log, Map.of()),
                ZstdLz4Driver::stop);
    }

    /**
     * The hisi_zip driver on {@code devices} emulated devices with libwdemu {@code options} and
     * driver configuration {@code config}; its request limit is the most one SQE carries, and
     * closing it fails when a queue or stream context is still held ({@link UacceDriver#unreleased()}).
     */
    public static StartedDriver<UacceDriver> emulatedHisiZip(int devices, String options, Map<String, ?> config) {
        return StartedDriver.start(UacceDriver.NAME, log -> UacceDriver.startEmulated(log, devices, options, config),
                UacceDriver::stop).withRequestLimit(UacceDriver::maxSqeBytes).failingCloseOn(UacceDriver::unreleased);
    }

    /** Two emulated hisi_qm_v3 devices (deflate, zlib and gzip), default settings. */
    public static StartedDriver<UacceDriver> emulatedHisiZip() {
        return emulatedHisiZip(2, "api=hisi_qm_v3;depth=256", Map.of());
    }
}
