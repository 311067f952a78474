package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.testing.conformance.TestLoggers;
import io.warpdrive.uacce.DeviceScanner;
import io.warpdrive.uacce.LinuxSeam;
import io.warpdrive.uacce.SkippedDevice;
import io.warpdrive.uacce.UacceDevice;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery over a synthetic uacce class directory read through the Linux seam (plain file
 * reads, as of sysfs): v1, v2 and v3 devices, an isolated one, one without SVA, devices of
 * other accelerators; then rescans noticing changes and telling the platform.
 */
class DeviceDiscoveryTest {
    @TempDir
    Path root;

    private SyntheticSysfs sysfs;
    private final TestLoggers.Recording log = TestLoggers.recording("hisi_zip");
    private UacceDriver driver;

    @BeforeEach
    void layOut() {
        sysfs = new SyntheticSysfs(root);
        sysfs.device("hisi_zip-0").zip("hisi_qm_v1", "zlib,gzip").attr("region_mmio_size", 4096)
                .attr("device/numa_node", 1);
        sysfs.device("hisi_zip-1").zip("hisi_qm_v2", "zlib,gzip,lz77_zstd,lz4").attr("device/numa_node", -1);
        sysfs.device("hisi_zip-2").zip("hisi_qm_v3", "zlib,gzip,deflate,lz4").attr("isolate", 1);
        sysfs.device("hisi_zip-3").zip("hisi_qm_v3", "zlib,gzip,deflate").attr("flags", 0);
        sysfs.device("hisi_zip-10").zip("hisi_qm_v3", "deflate");
        sysfs.device("hisi_sec2-0").zip("hisi_qm_v3", "cbc(aes),sha256");
        sysfs.device("virtio-0").attr("api", "virtio_v1").attr("algorithms", "zlib");
        sysfs.device("hisi_zip-5").zip("hisi_qm_v2", "gzip").attr("region_dus_size", "");
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.stop();
        }
    }

    private DeviceScanner.Result scan() {
        return new DeviceScanner(new LinuxSeam(), sysfs.classDir, sysfs.devDir, DeviceInfo::refusal).scan();
    }

    private static DeviceInfo find(List<UacceDevice> devices, String name) {
        return DeviceInfo.of(devices.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow());
    }

    private static String reason(List<SkippedDevice> skipped, String name) {
        return skipped.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().reason();
    }

    @Test
    void readsEveryAttributeOfEveryHisiQmVersion() {
        DeviceScanner.Result r = scan();
        assertEquals(List.of("hisi_zip-0", "hisi_zip-1", "hisi_zip-2", "hisi_zip-10"),
                r.devices().stream().map(UacceDevice::name).toList(), "usable devices in natural order");

        DeviceInfo v1 = find(r.devices(), "hisi_zip-0");
        assertEquals(1, v1.api().version());
        assertEquals(0x340, v1.api().doorbellOffset());
        assertEquals(EnumSet.of(Algorithm.ZLIB, Algorithm.GZIP), v1.algorithms());
        assertEquals(4096, v1.device().mmioSize());
        assertEquals(151552, v1.device().dusSize());
        assertEquals(64, v1.availableInstances());
        assertEquals(1, v1.numaNode());
        assertFalse(v1.isolated());
        assertEquals(sysfs.devDir.resolve("hisi_zip-0"), v1.charDevice());

        DeviceInfo v2 = find(r.devices(), "hisi_zip-1");
        assertEquals(2, v2.api().version());
        assertEquals(0x1000, v2.api().doorbellOffset());
        assertEquals(EnumSet.of(Algorithm.ZLIB, Algorithm.GZIP), v2.algorithms(), "lz77_zstd and lz4 are not ours before v3");
        assertEquals(0, v2.numaNode(), "a negative NUMA node (a VM) means node 0");

        DeviceInfo isolated = find(r.devices(), "hisi_zip-2");
        assertTrue(isolated.isolated());
        assertEquals(EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP, Algorithm.LZ4), isolated.algorithms(),
                "a v3 device that lists lz4 serves LZ4 (compression)");
    }

    @Test
    void saysWhyItSkipsADevice() {
        List<SkippedDevice> skipped = scan().skipped();
        assertTrue(reason(skipped, "hisi_zip-3").startsWith("unsupported: no SVA (flags=0)"), reason(skipped, "hisi_zip-3"));
        assertTrue(reason(skipped, "hisi_zip-3").contains("reserved-memory"));
        assertTrue(reason(skipped, "hisi_sec2-0").contains("include none of deflate, zlib, gzip"));
        assertTrue(reason(skipped, "virtio-0").contains("is not a HiSilicon queue manager"));
        assertTrue(reason(skipped, "hisi_zip-5").contains("region_dus_size"));
    }

    @Test
    void missingClassDirectoryMeansNoDevices() {
        DeviceScanner.Result r = new DeviceScanner(new LinuxSeam(), root.resolve("nothing"), root, DeviceInfo::refusal).scan();
        assertTrue(r.devices().isEmpty());
        assertTrue(r.skipped().isEmpty());
    }

    private UacceDriver startDriver() {
        Map<String, Object> config = new HashMap<>();
        config.put("class.dir", sysfs.classDir.toString());
        config.put("dev.dir", sysfs.devDir.toString());
        config.put("rescan.interval.ms", 0L);
        UacceDriver d = new UacceDriver();
        d.start(config, log.logger(), name -> null);
        return d;
    }

    @Test
    void theDriverListsItsDevicesWithHealthAndAttributesAndLogsSkipsQuietly() {
        driver = startDriver();
        List<? extends Device> devices = driver.devices();
        assertEquals(4, devices.size());
        Device isolated = devices.get(2);
        assertEquals("hisi_zip-2", isolated.name());
        assertEquals(DeviceHealth.ISOLATED, isolated.health());
        assertTrue(isolated.attributes().get("skipped").contains("isolated"));
        Device v2 = devices.get(1);
        assertEquals(DeviceHealth.ONLINE, v2.health());
        assertEquals("hisi_qm_v2", v2.attributes().get("api"));
        assertEquals("false", v2.attributes().get("emulated"));
        assertEquals(64, v2.availableInstances());
        assertEquals(4, driver.skippedDevices().size());
        assertTrue(log.loud().isEmpty(), () -> "skipping devices is not a warning: " + log.loud());
        assertTrue(log.messages("info").stream().anyMatch(m -> m.contains("hisi_zip-3 skipped: unsupported: no SVA")));
        assertTrue(log.messages("info").stream().anyMatch(m -> m.contains("hisi_zip-2 skipped: the kernel isolated it")));
    }

    @Test
    void rescansNoticeChangesAndTellThePlatform() {
        driver = startDriver();
        AtomicInteger told = new AtomicInteger();
        driver.addDeviceListener(d -> told.incrementAndGet());

        driver.rescan();
        assertEquals(0, told.get(), "nothing changed");

        sysfs.device("hisi_zip-1").attr("available_instances", 0);
        driver.rescan();
        assertEquals(0, told.get(), "fewer free instances is nothing to act on");
        sysfs.device("hisi_zip-1").attr("available_instances", 3);
        driver.rescan();
        assertEquals(1, told.get(), "free instances again: queues that were refused can open now");

        sysfs.device("hisi_zip-0").attr("isolate", 1);
        driver.rescan();
        assertEquals(2, told.get());
        assertEquals(DeviceHealth.ISOLATED, driver.devices().get(0).health());
        sysfs.device("hisi_zip-0").attr("isolate", 0);
        driver.rescan();
        assertEquals(3, told.get());
        assertEquals(DeviceHealth.ONLINE, driver.devices().get(0).health());

        Device gone = driver.devices().get(3);
        sysfs.device("hisi_zip-10").delete();
        driver.rescan();
        assertEquals(4, told.get());
        assertEquals(DeviceHealth.REMOVED, gone.health());
        assertFalse(driver.devices().contains(gone));

        sysfs.device("hisi_zip-7").zip("hisi_qm_v3", "gzip");
        driver.rescan();
        assertEquals(5, told.get());
        assertTrue(driver.devices().stream().anyMatch(d -> d.name().equals("hisi_zip-7")));
    }

    @Test
    void rescansRunOnTheirOwnAtTheConfiguredInterval() {
        Map<String, Object> config = new HashMap<>();
        config.put("class.dir", sysfs.classDir.toString());
        config.put("dev.dir", sysfs.devDir.toString());
        config.put("rescan.interval.ms", 20L);
        driver = new UacceDriver();
        driver.start(config, log.logger(), name -> null);
        AtomicInteger told = new AtomicInteger();
        driver.addDeviceListener(d -> told.incrementAndGet());
        sysfs.device("hisi_zip-8").zip("hisi_qm_v3", "zlib");
        io.warpdrive.testing.platform.TestPlatform.await("the new device noticed", () -> told.get() > 0);
        assertTrue(driver.devices().stream().anyMatch(d -> d.name().equals("hisi_zip-8")));
    }

    @Test
    void badConfigurationValuesAreRefusedInOneLineAndTheDriverStillFindsItsDevices() {
        Map<String, Object> config = new HashMap<>();
        config.put("class.dir", sysfs.classDir.toString());
        config.put("dev.dir", sysfs.devDir.toString());
        config.put("rescan.interval.ms", "soon");
        config.put("emulator.devices", "-1");
        config.put("sqe.max.kb", "2");
        config.put("emulate", "2");
        driver = new UacceDriver();
        driver.start(config, log.logger(), name -> null);
        List<String> warnings = log.messages("warn");
        assertTrue(warnings.contains("configuration io.warpdrive.driver.uacce: rescan.interval.ms='soon' refused "
                + "(not a whole number); keeping rescan.interval.ms='5000'"), String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("emulator.devices='-1' refused (not between 0 and 64)")),
                String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("sqe.max.kb='2' refused (less than 4)")),
                String.valueOf(warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("unknown key emulate ignored")), String.valueOf(warnings));
        assertEquals(4, warnings.size(), String.valueOf(warnings));
        assertEquals(4, driver.devices().size());
    }
}
