package io.warpdrive.uacce;

import java.nio.file.Path;
import java.util.List;

/**
 * What sysfs says about one usable uacce device at one scan ({@code /sys/class/uacce/<name>/}),
 * whatever its vendor: the strings a vendor driver interprets ({@code api}, {@code algorithms})
 * as the kernel prints them, the rest as numbers.
 *
 * @param name the device name, {@code <parent driver>-<N>}
 * @param api the {@code api} attribute: which user-space protocol the device's queues speak
 * @param algorithms the {@code algorithms} attribute, one name per line, in the kernel's order
 * @param flags {@code flags} (bit 0: SVA)
 * @param availableInstances {@code available_instances}: queue pairs free now
 * @param mmioSize {@code region_mmio_size}: bytes of the MMIO (doorbell) region
 * @param dusSize {@code region_dus_size}: bytes of the device-user-share region (the rings)
 * @param numaNode {@code device/numa_node}, 0 when negative or missing (VMs report -1)
 * @param isolated {@code isolate} is 1: the kernel isolated the device after errors
 * @param sysfsDirectory the device's class directory
 * @param charDevice the char device to open ({@code /dev/<name>})
 */
public record UacceDevice(String name, String api, List<String> algorithms, long flags, int availableInstances,
        long mmioSize, long dusSize, int numaNode, boolean isolated, Path sysfsDirectory, Path charDevice) {

    /** {@code UACCE_DEV_SVA}: the device works on process virtual addresses. */
    public static final long FLAG_SVA = 0x1;

    public UacceDevice {
        algorithms = List.copyOf(algorithms);
    }

    /** The device reads process virtual addresses (SVA). */
    public boolean sva() {
        return (flags & FLAG_SVA) != 0;
    }

    /**
     * {@code available_instances} read now through {@code seam}; the scan's value when the
     * attribute cannot be read.
     */
    public int availableInstancesNow(UacceSeam seam) {
        String text = seam.readAttribute(sysfsDirectory.resolve("available_instances"));
        if (text != null) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException ignored) {
                // the scan's value
            }
        }
        return availableInstances;
    }
}
