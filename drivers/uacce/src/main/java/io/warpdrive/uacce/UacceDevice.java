package io.warpdrive.uacce;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.hisi_zip.qm.QmApi;
import java.nio.file.Path;
import java.util.Set;

/**
 * What sysfs says about one usable uacce device at one scan ({@code /sys/class/uacce/<name>/}).
 *
 * @param name the device name, e.g. {@code hisi_zip-0}
 * @param api the queue manager version ({@code api})
 * @param algorithms the deflate-family algorithms among {@code algorithms}
 * @param flags {@code flags} (bit 0: SVA)
 * @param availableInstances {@code available_instances}: queue pairs free now
 * @param mmioSize {@code region_mmio_size}: bytes of the doorbell region
 * @param dusSize {@code region_dus_size}: bytes of the SQ/CQ/status region
 * @param numaNode {@code device/numa_node}, 0 when negative or missing (VMs report -1)
 * @param isolated {@code isolate} is 1: the kernel isolated the device after errors
 * @param sysfsDirectory the device's class directory
 * @param charDevice the char device to open ({@code /dev/<name>})
 */
record DeviceInfo(String name, QmApi api, Set<Algorithm> algorithms, long flags, int availableInstances,
        long mmioSize, long dusSize, int numaNode, boolean isolated, Path sysfsDirectory, Path charDevice) {

    /** {@code UACCE_DEV_SVA}: the device works on process virtual addresses. */
    static final long FLAG_SVA = 0x1;
}
