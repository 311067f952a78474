package io.warpdrive.coordinator;

import java.util.Locale;

/** What a resource of the coordinator's table acts on. */
public enum ResourceKind {
    /**
     * Hardware capacity of a device group (a driver's devices, or one device): the value is how
     * many of the group's instances (job slots of its shared queues, per direction) are held back
     * for the level the value in force comes from and the levels above it. Consumers of lower
     * levels use what is left, and the CPU under AUTO.
     */
    HARDWARE,
    /**
     * The most hardware instances (requests in flight on hardware queues) one consumer of a level
     * below the one in force may hold; beyond it its requests go to the CPU under AUTO.
     */
    HARDWARE_PER_CONSUMER,
    /** The CPU fallback's worker count (the {@code workers} of the CPU drivers, soft and isal, applied live). */
    CPU_WORKERS;

    /** The name in the resource table and the shell: {@code hardware}, {@code hardware.per.consumer}, {@code cpu.workers}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The kind of a table name, or null. */
    public static ResourceKind ofConfigName(String name) {
        for (ResourceKind k : values()) {
            if (k.configName().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
