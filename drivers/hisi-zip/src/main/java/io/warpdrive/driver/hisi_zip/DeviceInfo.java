package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.hisi_zip.qm.QmApi;
import io.warpdrive.uacce.UacceDevice;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * This driver's view of a uacce device at one scan: what sysfs says ({@link UacceDevice}),
 * read as a HiSilicon ZIP device: its queue manager version and its deflate-family algorithms.
 *
 * @param device the device as the access layer read it
 * @param api the queue manager version its {@code api} names
 * @param algorithms the deflate-family algorithms among its {@code algorithms}
 */
record DeviceInfo(UacceDevice device, QmApi api, Set<Algorithm> algorithms) {

    /** The view of a device {@link #refusal} accepted. */
    static DeviceInfo of(UacceDevice device) {
        return new DeviceInfo(device, QmApi.parse(device.api()), algorithms(device.algorithms()));
    }

    /**
     * The scan's filter: a device is this driver's when its {@code api} is a HiSilicon QM
     * version and its {@code algorithms} list deflate, zlib or gzip; else why not.
     */
    static String refusal(String api, List<String> algorithms) {
        if (QmApi.parse(api) == null) {
            return "api '" + api + "' is not a HiSilicon queue manager (hisi_qm_vN)";
        }
        if (algorithms(algorithms).isEmpty()) {
            return "its algorithms (" + (algorithms.isEmpty() ? "none readable" : String.join(",", algorithms))
                    + ") include none of deflate, zlib, gzip";
        }
        return null;
    }

    /** The deflate-family algorithms among the names (lz77_zstd and others are not ours). */
    static Set<Algorithm> algorithms(List<String> names) {
        Set<Algorithm> set = EnumSet.noneOf(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            if (a.isDeflateFamily() && names.contains(a.uadkName())) { // zstd and LZ4 await the v3 formats
                set.add(a);
            }
        }
        return set;
    }

    String name() {
        return device.name();
    }

    int availableInstances() {
        return device.availableInstances();
    }

    int numaNode() {
        return device.numaNode();
    }

    boolean isolated() {
        return device.isolated();
    }

    Path charDevice() {
        return device.charDevice();
    }
}
