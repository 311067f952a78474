package io.warpdrive.driver.hisi_zip.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.uacce.DeviceScanner;
import io.warpdrive.uacce.Errno;
import io.warpdrive.uacce.QueuePairFile;
import io.warpdrive.uacce.SkippedDevice;
import io.warpdrive.uacce.UacceDevice;
import io.warpdrive.uacce.UacceSeam;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UACCE access bundle used the way a second vendor's driver would use it: emulated
 * devices are discovered, and queues of them opened, mapped, started, waited on and released,
 * through {@code io.warpdrive.uacce} alone. The emulator only plays the device; no class of
 * the hisi_zip driver takes part, and no vendor ioctl is issued.
 */
class UacceAccessOnEmulatedDevicesTest {
    private static final int INSTANCES = 3;

    @TempDir
    Path root;

    private Emulator emulator;
    private UacceSeam seam;

    @BeforeEach
    void start() {
        emulator = Emulator.start(root, "devices=2;api=hisi_qm_v2:hisi_qm_v3;numa=0:1;instances=" + INSTANCES);
        seam = emulator.seam();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** Every device, as a driver that claims whatever the class directory offers sees it. */
    private List<UacceDevice> scan() {
        DeviceScanner.Result r = new DeviceScanner(seam, emulator.classDirectory(), emulator.deviceDirectory(),
                (api, algorithms) -> null).scan();
        assertNull(r.problem());
        assertEquals(List.of(), r.skipped());
        return r.devices();
    }

    @Test
    void discoversEveryDeviceWithWhatSysfsSaysOfIt() {
        List<UacceDevice> devices = scan();
        assertEquals(2, devices.size());
        for (int i = 0; i < 2; i++) {
            UacceDevice d = devices.get(i);
            assertEquals(List.of("hisi_qm_v2", "hisi_qm_v3").get(i), d.api());
            assertTrue(d.algorithms().containsAll(List.of("zlib", "gzip")), d.algorithms().toString());
            assertTrue(d.sva());
            assertEquals(INSTANCES, d.availableInstances());
            assertEquals(i, d.numaNode());
            assertTrue(d.mmioSize() > 0 && d.dusSize() > 0, d.toString());
            assertFalse(d.isolated());
            assertEquals(emulator.deviceDirectory().resolve(d.name()), d.charDevice());
            assertEquals(emulator.classDirectory().resolve(d.name()), d.sysfsDirectory());
        }
    }

    @Test
    void theVendorFilterDecidesWhichDevicesAreItsOwnAndSaysWhyNot() {
        DeviceScanner.Result r = new DeviceScanner(seam, emulator.classDirectory(), emulator.deviceDirectory(),
                (api, algorithms) -> api.endsWith("v3") ? null : "not an " + api + " driver").scan();
        assertEquals(List.of("hisi_qm_v3"), r.devices().stream().map(UacceDevice::api).toList());
        List<SkippedDevice> skipped = r.skipped();
        assertEquals(1, skipped.size());
        assertEquals("not an hisi_qm_v2 driver", skipped.get(0).reason());
    }

    @Test
    void aQueuePairOpensStartsWaitsAndIsReleasedWithoutAnyVendorIoctl() {
        UacceDevice device = scan().get(1);
        List<Long> mapped = new ArrayList<>();
        QueuePairFile queue = QueuePairFile.open(seam, device, f -> mapped.addAll(List.of(f.mmioLength(),
                f.dusLength())));
        assertEquals(List.of(device.mmioSize(), device.dusSize()), mapped, "both regions mapped before START_Q");
        assertEquals(INSTANCES - 1, device.availableInstancesNow(seam), "the open took an instance");
        assertEquals(1, emulator.liveQueues());
        assertEquals(0, queue.awaitCompletion(1), "nothing was sent, so nothing completes");
        assertEquals(-Errno.EINVAL, queue.tryIoctl(QueuePairFile.START_Q, 0), "started already");

        assertNull(queue.release());
        assertNull(queue.release(), "idempotent");
        assertEquals(-Errno.EBADF, queue.pollNow(), "released here");
        assertEquals(INSTANCES, device.availableInstancesNow(seam));
        assertEquals(0, emulator.liveQueues());
    }

    @Test
    void aDeviceWithNoFreeInstanceAnswersBusyAndAReleaseFreesOne() {
        UacceDevice device = scan().get(0);
        List<QueuePairFile> queues = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            queues.add(QueuePairFile.open(seam, device, f -> { }));
        }
        WdException busy = assertThrows(WdException.class, () -> QueuePairFile.open(seam, device, f -> { }));
        assertEquals(WdStatus.BUSY, busy.status());
        assertEquals(0, device.availableInstancesNow(seam));
        assertNull(queues.remove(0).release());
        queues.add(QueuePairFile.open(seam, device, f -> { }));
        for (QueuePairFile q : queues) {
            assertNull(q.release());
        }
        assertEquals(0, emulator.liveQueues());
    }

    @Test
    void aRemovedDeviceIsSeenByTheWaitAndItsQueueStillReleases() {
        UacceDevice device = scan().get(0);
        QueuePairFile queue = QueuePairFile.open(seam, device, f -> { });
        emulator.inject(device.name(), "remove", 0);
        assertEquals(-Errno.ENXIO, queue.awaitCompletion(0));
        assertEquals(List.of("hisi_qm_v3"), scan().stream().map(UacceDevice::api).toList(), "gone from sysfs");
        queue.release();
        assertEquals(0, emulator.liveQueues());
    }

    /**
     * The access bundle's classes name no vendor: no HiSilicon string or name, no class of
     * a driver package. (Its javadoc may cite UADK; compiled classes carry no javadoc.)
     */
    @Test
    void theAccessBundleNamesNoVendor() throws IOException, URISyntaxException {
        Map<String, String> classes = accessClasses();
        assertTrue(classes.containsKey("io/warpdrive/uacce/UacceSeam.class"), classes.keySet().toString());
        assertTrue(classes.get("io/warpdrive/uacce/DeviceScanner.class").contains("available_instances"),
                "the search sees the strings a class carries");
        for (Map.Entry<String, String> c : classes.entrySet()) {
            String text = c.getValue().toLowerCase(Locale.ROOT);
            for (String vendor : List.of("hisi", "io/warpdrive/driver", "qm_", "sqe")) {
                assertFalse(text.contains(vendor), c.getKey() + " names '" + vendor + "'");
            }
        }
    }

    /** The class files of io.warpdrive.uacce, read as Latin-1 text, from its jar or its class directory. */
    private static Map<String, String> accessClasses() throws IOException, URISyntaxException {
        Path location = Path.of(UacceSeam.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> classes = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve("io/warpdrive/uacce"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    classes.put(location.relativize(f).toString().replace('\\', '/'),
                            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(location); ZipInputStream jar = new ZipInputStream(in)) {
                for (ZipEntry e; (e = jar.getNextEntry()) != null;) {
                    if (e.getName().startsWith("io/warpdrive/uacce/") && e.getName().endsWith(".class")) {
                        classes.put(e.getName(), new String(jar.readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        return classes;
    }
}
