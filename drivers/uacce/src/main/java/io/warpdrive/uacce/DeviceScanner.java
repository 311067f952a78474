package io.warpdrive.uacce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the uacce class directory as UADK does: every entry with a readable {@code api}
 * that the vendor's {@link DeviceFilter} claims is a device; its {@code flags},
 * {@code available_instances}, region sizes, {@code device/numa_node} (negative means 0)
 * and {@code isolate} are read. Devices without SVA are skipped with the reason: the
 * access layer hands the device process addresses and has no reserved-memory (no-SVA)
 * path yet.
 */
public final class DeviceScanner {
    /** What one scan found; {@code problem} says why the directory could not be read, else null. */
    public record Result(List<UacceDevice> devices, List<SkippedDevice> skipped, String problem) {
    }

    private final UacceSeam seam;
    private final Path classDirectory;
    private final Path deviceDirectory;
    private final DeviceFilter filter;

    /**
     * @param classDirectory the uacce class directory ({@code /sys/class/uacce})
     * @param deviceDirectory where the char devices are ({@code /dev})
     * @param filter which devices are the vendor driver's
     */
    public DeviceScanner(UacceSeam seam, Path classDirectory, Path deviceDirectory, DeviceFilter filter) {
        this.seam = seam;
        this.classDirectory = classDirectory;
        this.deviceDirectory = deviceDirectory;
        this.filter = filter;
    }

    public Path classDirectory() {
        return classDirectory;
    }

    public Result scan() {
        List<String> names;
        try {
            names = new ArrayList<>(seam.listDirectory(classDirectory));
        } catch (IOException | SecurityException e) {
            return new Result(List.of(), List.of(), "cannot list " + classDirectory + ": " + e.getMessage());
        }
        names.sort(NATURAL);
        List<UacceDevice> devices = new ArrayList<>();
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
    private String inspect(String name, Path dir, List<UacceDevice> devices) {
        String api = seam.readAttribute(dir.resolve("api"));
        if (api == null) {
            return "no readable api attribute";
        }
        String algorithmsText = seam.readAttribute(dir.resolve("algorithms"));
        List<String> algorithms = algorithmsText == null || algorithmsText.isEmpty() ? List.of()
                : List.of(algorithmsText.split("\\s+"));
        String refusal = filter.refusal(api, algorithms);
        if (refusal != null) {
            return refusal;
        }
        long flags = number(dir.resolve("flags"), -1);
        if (flags < 0) {
            return "no readable flags attribute";
        }
        if ((flags & UacceDevice.FLAG_SVA) == 0) {
            return "unsupported: no SVA (flags=" + flags + "); without SVA the device needs DMA addresses from a"
                    + " reserved-memory pool, which this access layer does not have yet";
        }
        long mmio = number(dir.resolve("region_mmio_size"), -1);
        long dus = number(dir.resolve("region_dus_size"), -1);
        if (mmio <= 0 || dus <= 0) {
            return "no readable region_mmio_size / region_dus_size (is uacce_mode enabled for this device?)";
        }
        long available = number(dir.resolve("available_instances"), 0);
        long numa = number(dir.resolve("device").resolve("numa_node"), 0);
        boolean isolated = "1".equals(seam.readAttribute(dir.resolve("isolate")));
        devices.add(new UacceDevice(name, api, algorithms, flags, clampToInt(available), mmio, dus, clampToInt(numa),
                isolated, dir, deviceDirectory.resolve(name)));
        return null;
    }

    private static int clampToInt(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
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

    /** {@code dev-2} before {@code dev-10}. */
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
