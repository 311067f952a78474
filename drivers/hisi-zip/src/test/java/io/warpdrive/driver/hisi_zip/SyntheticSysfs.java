package io.warpdrive.driver.hisi_zip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A uacce class directory made of plain files, laid out as the kernel lays out sysfs. */
final class SyntheticSysfs {
    final Path classDir;
    final Path devDir;

    SyntheticSysfs(Path root) {
        this.classDir = root.resolve("class").resolve("uacce");
        this.devDir = root.resolve("dev");
    }

    /** A device with the attributes of a hisi_zip device, numbers as sysfs prints them (with a newline). */
    Device device(String name) {
        return new Device(classDir.resolve(name));
    }

    final class Device {
        final Path dir;

        Device(Path dir) {
            this.dir = dir;
        }

        Device attr(String attribute, Object value) {
            try {
                Path f = dir.resolve(attribute);
                Files.createDirectories(f.getParent());
                Files.writeString(f, value + "\n");
                Files.createDirectories(devDir);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A usable hisi_zip device of {@code api}: SVA, regions, 64 free instances, NUMA node 0. */
        Device zip(String api, String algorithms) {
            return attr("api", api).attr("algorithms", algorithms.replace(',', '\n')).attr("flags", 1)
                    .attr("available_instances", 64).attr("region_mmio_size", 8192).attr("region_dus_size", 151552)
                    .attr("device/numa_node", 0).attr("isolate", 0);
        }

        void delete() {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
