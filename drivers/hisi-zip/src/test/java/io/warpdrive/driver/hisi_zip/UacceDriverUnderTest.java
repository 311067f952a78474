package io.warpdrive.driver.hisi_zip;

import io.warpdrive.driver.hisi_zip.emulator.Emulator;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.TestLoggers;
import io.warpdrive.testing.conformance.TestOutcome;
import io.warpdrive.comp.Algorithm;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The hisi_zip driver started outside a framework on emulated devices, as Declarative
 * Services would start it. On close it checks that every queue the platform opened was
 * released (libwdemu counts open queue fds), then stops the driver and the emulator.
 */
public final class UacceDriverUnderTest implements DriverUnderTest {
    private final UacceDriver driver = new UacceDriver();
    private final TestLoggers.Recording log = TestLoggers.recording("hisi_zip");

    private UacceDriverUnderTest(Map<String, Object> config) {
        driver.start(config, log.logger(), name -> null);
    }

    /** {@code devices} emulated devices with libwdemu {@code options} and driver configuration {@code config}. */
    public static UacceDriverUnderTest emulating(int devices, String options, Map<String, ?> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("emulator.devices", devices);
        all.put("emulator.options", options);
        all.putIfAbsent("rescan.interval.ms", 0L);
        return new UacceDriverUnderTest(all);
    }

    /** Two emulated hisi_qm_v3 devices (deflate, zlib and gzip), default settings. */
    public static UacceDriverUnderTest emulating() {
        return emulating(2, "api=hisi_qm_v3;depth=256", Map.of());
    }

    /**
     * What the conformance kit round-trips on this driver alone: the algorithms its devices
     * serve both ways. zstd and LZ4 are compression only on the device (UacceZstdTest and
     * UacceLz4Test cover them).
     */
    @Override
    public Set<Algorithm> algorithms() {
        Set<Algorithm> all = EnumSet.noneOf(Algorithm.class);
        for (Algorithm a : DriverUnderTest.super.algorithms()) {
            if (a.isDeflateFamily()) {
                all.add(a);
            }
        }
        return all;
    }

    /** The most one SQE carries (8 MiB by default): the driver splits larger requests. */
    @Override
    public int[] requestLimits() {
        return new int[] {driver.maxSqeBytes()};
    }

    @Override
    public UacceDriver driver() {
        return driver;
    }

    public Emulator emulator() {
        return driver.emulator();
    }

    /** Stream contexts the driver has handed out and not yet seen closed (close fails unless 0). */
    public int openStreams() {
        return driver.openStreams();
    }

    public TestLoggers.Recording log() {
        return log;
    }

    /**
     * Stops the driver; fails when a queue is still open at the device, which would be a leak,
     * unless the test that just ran was aborted ({@link TestOutcome}): it stopped half-way and
     * what it left open says nothing about the driver.
     */
    @Override
    public void close() {
        Emulator e = driver.emulator();
        int open = e == null ? 0 : e.liveQueues();
        int streams = driver.openStreams();
        driver.stop();
        if (TestOutcome.aborted()) {
            return;
        }
        if (open != 0) {
            throw new AssertionError(open + " queue(s) still open at the emulated device when the driver stopped");
        }
        if (streams != 0) {
            throw new AssertionError(streams + " stream context(s) still allocated when the driver stopped");
        }
    }
}
