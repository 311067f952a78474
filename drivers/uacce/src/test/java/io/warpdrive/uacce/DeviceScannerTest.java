package io.warpdrive.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of a vendor this layer has never heard of, over a uacce class directory of plain
 * files read through the Linux seam: the generic attributes, the vendor's filter, and the
 * reasons a device is skipped.
 */
class DeviceScannerTest {
    @TempDir
    Path root;

    private Path device(String name, String... attributes) throws IOException {
        Path dir = root.resolve("class/uacce").resolve(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Path file = dir.resolve(attributes[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, attributes[i + 1] + "\n");
        }
        return dir;
    }

    private Path usable(String name) throws IOException {
        return device(name, "api", "acme_lz_v1", "algorithms", "lz4\nzstd", "flags", "1", "available_instances", "8",
                "region_mmio_size", "4096", "region_dus_size", "65536", "device/numa_node", "-1", "isolate", "0");
    }

    private DeviceScanner.Result scan() {
        return new DeviceScanner(new LinuxSeam(), root.resolve("class/uacce"), root.resolve("dev"),
                (api, algorithms) -> api.startsWith("acme_lz_") ? null : "api '" + api + "' is not ACME's").scan();
    }

    @Test
    void readsTheGenericAttributesOfTheVendorsDevicesInNaturalOrder() throws IOException {
        usable("acme_lz-10");
        usable("acme_lz-2");
        DeviceScanner.Result r = scan();
        assertNull(r.problem());
        assertEquals(List.of("acme_lz-2", "acme_lz-10"), r.devices().stream().map(UacceDevice::name).toList());
        UacceDevice d = r.devices().get(0);
        assertEquals("acme_lz_v1", d.api());
        assertEquals(List.of("lz4", "zstd"), d.algorithms());
        assertTrue(d.sva());
        assertEquals(8, d.availableInstances());
        assertEquals(4096, d.mmioSize());
        assertEquals(65536, d.dusSize());
        assertEquals(0, d.numaNode(), "a negative NUMA node (a VM) means node 0");
        assertEquals(root.resolve("dev/acme_lz-2"), d.charDevice());
    }

    @Test
    void saysWhyItSkipsADevice() throws IOException {
        device("no-api", "flags", "1");
        device("other-0", "api", "other_v1", "flags", "1");
        Files.writeString(usable("acme_lz-0").resolve("flags"), "0\n");
        Files.delete(usable("acme_lz-1").resolve("region_dus_size"));
        Files.delete(usable("acme_lz-3").resolve("flags"));
        DeviceScanner.Result r = scan();
        assertEquals(List.of(), r.devices());
        assertEquals(List.of(
                new SkippedDevice("acme_lz-0", "unsupported: no SVA (flags=0); without SVA the device needs DMA"
                        + " addresses from a reserved-memory pool, which this access layer does not have yet"),
                new SkippedDevice("acme_lz-1",
                        "no readable region_mmio_size / region_dus_size (is uacce_mode enabled for this device?)"),
                new SkippedDevice("acme_lz-3", "no readable flags attribute"),
                new SkippedDevice("no-api", "no readable api attribute"),
                new SkippedDevice("other-0", "api 'other_v1' is not ACME's")), r.skipped());
    }

    @Test
    void aMissingClassDirectoryMeansNoDevicesAndNoProblem() {
        DeviceScanner.Result r = scan();
        assertEquals(List.of(), r.devices());
        assertEquals(List.of(), r.skipped());
        assertNull(r.problem());
    }

    @Test
    void availableInstancesAreReadAgainOnDemand() throws IOException {
        Path dir = usable("acme_lz-0");
        UacceDevice d = scan().devices().get(0);
        Files.writeString(dir.resolve("available_instances"), "3\n");
        assertEquals(3, d.availableInstancesNow(new LinuxSeam()));
        Files.delete(dir.resolve("available_instances"));
        assertEquals(8, d.availableInstancesNow(new LinuxSeam()), "unreadable: the scan's value");
    }
}
