package io.warpdrive.driver.uacce;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.driver.uacce.qm.QmApi;
import io.warpdrive.driver.uacce.seam.UacceSeam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the uacce class directory as UADK does: every entry whose {@code api} is a
 * HiSilicon QM version and whose {@code algorithms} list deflate, zlib or gzip is a
 * device; its {@code flags}, {@code available_instances}, region sizes,
 * {@code device/numa_node} (negative means 0) and {@code isolate} are read. Devices
 * without SVA are skipped with the reason: this driver hands the device process
 * addresses and has no reserved-memory (no-SVA) path yet.
 */
final class DeviceScanner {
    /** What one scan found. */
    record Result(List<DeviceInfo> devices, List<SkippedDevice> skipped, String problem) {
    }

    private final UacceSeam seam;
    private final Path classDirectory;
    private final Path deviceDirectory;

    DeviceScanner(UacceSeam seam, Path classDirectory, Path deviceDirectory) {
        this.seam = seam;
        this.classDirectory = classDirectory;
        this.deviceDirectory = deviceDirectory;
    }

    Path classDirectory() {
        return classDirectory;
    }

    Result scan() {
        List<String> names;
        try {
            names = new ArrayList<>(seam.listDirectory(classDirectory));
        } catch (IOException | SecurityException e) {
            return new Result(List.of(), List.of(), "cannot list " + classDirectory + ": " + e.getMessage());
        }
        names.sort(NATURAL);
        List<DeviceInfo> devices = new ArrayList<>();
        List<SkippedDevice> skipped = new ArrayList<>();
        for (String name : names) {
            Path dir = classDirectory.resolve(name);
            String reason = inspect(name, dir, devices);
            if (reason != null) {
                skipped.add(new SkippedDevice(name, reason));
            }
        }
        return new Result(devices, skipped, null);
    }

    /** Adds the device to {@code devices}, or returns why it is skipped. */
    private String inspect(String name, Path dir, List<DeviceInfo> devices) {
        String apiText = seam.readAttribute(dir.resolve("api"));
        if (apiText == null) {
            return "no readable api attribute";
        }
        QmApi api = QmApi.parse(apiText);
        if (api == null) {
            return "api '" + apiText + "' is not a HiSilicon queue manager (hisi_qm_vN)";
        }
        String algorithmsText = seam.readAttribute(dir.resolve("algorithms"));
        Set<Algorithm> algorithms = algorithms(algorithmsText);
        if (algorithms.isEmpty()) {
            return "its algorithms (" + (algorithmsText == null ? "unreadable" : algorithmsText.replace('\n', ','))
                    + ") include none of deflate, zlib, gzip";
        }
        long flags = number(dir.resolve("flags"), -1);
        if (flags < 0) {
            return "no readable flags attribute";
        }
        if ((flags & DeviceInfo.FLAG_SVA) == 0) {
            return "unsupported: no SVA (flags=" + flags + "); without SVA the device needs DMA addresses from a"
                    + " reserved-memory pool, which this driver does not have yet";
        }
        long mmio = number(dir.resolve("region_mmio_size"), -1);
        long dus = number(dir.resolve("region_dus_size"), -1);
        if (mmio <= 0 || dus <= 0) {
            return "no readable region_mmio_size / region_dus_size (is uacce_mode enabled for this device?)";
        }
        long available = number(dir.resolve("available_instances"), 0);
        long numa = number(dir.resolve("device").resolve("numa_node"), 0);
        boolean isolated = "1".equals(seam.readAttribute(dir.resolve("isolate")));
        devices.add(new DeviceInfo(name, api, algorithms, flags, (int) Math.max(0, Math.min(Integer.MAX_VALUE,
                available)), mmio, dus, (int) Math.max(0, Math.min(Integer.MAX_VALUE, numa)), isolated, dir,
                deviceDirectory.resolve(name)));
        return null;
    }

    /** The deflate-family algorithms among the newline-separated names (lz77_zstd and others are not ours). */
    static Set<Algorithm> algorithms(String text) {
        Set<Algorithm> set = EnumSet.noneOf(Algorithm.class);
        if (text == null) {
            return set;
        }
        for (String token : text.split("\\s+")) {
            for (Algorithm a : Algorithm.values()) {
                if (a.isDeflateFamily() && a.uadkName().equals(token)) { // zstd and LZ4 await the v3 formats
                    set.add(a);
                }
            }
        }
        return set;
    }

    private long number(Path file, long missing) {
        String text = seam.readAttribute(file);
        if (text == null || text.isEmpty()) {
            return missing;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return missing;
        }
    }

    /** hisi_zip-2 before hisi_zip-10. */
    private static final Comparator<String> NATURAL = (a, b) -> {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        if (da > 0 && db > 0 && a.substring(0, da).equals(b.substring(0, db))) {
            try {
                return Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
            } catch (NumberFormatException notNumbered) {
                // fall through to plain order
            }
        }
        return a.compareTo(b);
    };
}
