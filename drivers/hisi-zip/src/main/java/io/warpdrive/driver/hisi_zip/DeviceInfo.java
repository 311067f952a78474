package io.warpdrive.driver.hisi_zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.hisi_zip.qm.QmApi;
import io.warpdrive.uacce.UacceDevice;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * This driver's view of a uacce device at one scan: what sysfs says ({@link UacceDevice}),
 * read as a HiSilicon ZIP device: its queue manager version and the algorithms it serves.
 *
 * @param device the device as the access layer read it
 * @param api the queue manager version its {@code api} names
 * @param algorithms the deflate-family algorithms among its {@code algorithms}, and from v3
 *        on zstd when it lists {@code lz77_zstd} and LZ4 when it lists {@code lz4} (compression
 *        on the device)
 */
record DeviceInfo(UacceDevice device, QmApi api, Set<Algorithm> algorithms) {
    /** The sysfs name of the device's LZ77 stage for zstd (SQE type 3 only). */
    static final String LZ77_ZSTD = "lz77_zstd";
    /** The sysfs name of the device's LZ4 block compression (SQE type 3 only). */
    static final String LZ4 = "lz4";

    /** The view of a device {@link #refusal} accepted. */
    static DeviceInfo of(UacceDevice device) {
        QmApi api = QmApi.parse(device.api());
        Set<Algorithm> algorithms = algorithms(device.algorithms());
        if (api.sqeType() == 3 && device.algorithms().contains(LZ77_ZSTD)) {
            algorithms.add(Algorithm.ZSTD);
        }
        if (api.sqeType() == 3 && device.algorithms().contains(LZ4)) {
            algorithms.add(Algorithm.LZ4);
        }
        return new DeviceInfo(device, api, Collections.unmodifiableSet(algorithms));
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

    /** The deflate-family algorithms among the names (lz77_zstd counts only on v3, see {@link #of}). */
    static Set<Algorithm> algorithms(List<String> names) {
        Set<Algorithm> set = EnumSet.noneOf(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            if (a.isDeflateFamily() && names.contains(a.uadkName())) {
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
