package io.warpdrive.comp;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a caller's {@link Compressor#poll(int, long, PollTarget) poll} reaps: every polled
 * queue, or only those of some drivers, some devices, or some queues (the poll flags of the
 * user-driven poll). Names and ids are those the shell's {@code wd:queues} and
 * {@code wd:devices} and {@code Platform.queues()} show. Immutable; build one and reuse it, so
 * that a poll allocates nothing.
 *
 * @since 1.3
 */
public final class PollTarget {
    private static final PollTarget ALL = new PollTarget(null, null, null);

    private final String[] drivers;
    private final String[] devices;
    private final long[] queues;

    private PollTarget(String[] drivers, String[] devices, long[] queues) {
        this.drivers = drivers;
        this.devices = devices;
        this.queues = queues;
    }

    /** Every queue the caller may reap (what {@link Compressor#poll(int, long)} polls). */
    public static PollTarget all() {
        return ALL;
    }

    /** The queues of these drivers (e.g. {@code hisi_zip}). */
    public static PollTarget drivers(String... names) {
        return new PollTarget(names(names, "driver"), null, null);
    }

    /** The queues of these devices (e.g. {@code hisi_zip-0}). */
    public static PollTarget devices(String... names) {
        return new PollTarget(null, names(names, "device"), null);
    }

    /** These queues, by id. */
    public static PollTarget queues(long... ids) {
        if (ids == null || ids.length == 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "name at least one queue to poll");
        }
        return new PollTarget(null, null, ids.clone());
    }

    private static String[] names(String[] names, String what) {
        if (names == null || names.length == 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "name at least one " + what + " to poll");
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new WdException(WdStatus.INVALID_ARGUMENT, "a " + what + " name to poll is empty");
            }
        }
        return names.clone();
    }

    /** True if a queue of this driver and device, with this id, is one to reap. */
    public boolean includes(String driver, String device, long queueId) {
        if (drivers != null) {
            return contains(drivers, driver);
        }
        if (devices != null) {
            return contains(devices, device);
        }
        if (queues != null) {
            for (long id : queues) {
                if (id == queueId) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollTarget p && Arrays.equals(drivers, p.drivers) && Arrays.equals(devices, p.devices)
                && Arrays.equals(queues, p.queues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(drivers), Arrays.hashCode(devices), Arrays.hashCode(queues));
    }

    @Override
    public String toString() {
        return drivers != null ? "drivers " + String.join(",", drivers)
                : devices != null ? "devices " + String.join(",", devices)
                : queues != null ? "queues " + Arrays.toString(queues) : "all queues";
    }
}
