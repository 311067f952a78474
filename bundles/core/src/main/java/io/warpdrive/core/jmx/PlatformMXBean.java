package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Platform}: the engine, and the administrator's knobs. */
public interface PlatformMXBean {

    String getActivePolicy();

    long getBuiltinPicks();

    long getCapacityWaits();

    int getOpenQueues();

    /** When counting started (ISO-8601). */
    String getCountingSince();

    void resetCounters();

    /**
     * Keeps {@code count} queues of {@code mode} (shared, sync, async) per direction on the
     * driver's devices, or on one device ({@code device} empty for all); persisted.
     */
    void setQueueCount(String driver, String device, String mode, int count);

    int getQueueCount(String driver, String device, String mode);

    /** Makes the named scheduling policy the active one (persisted); returns its ranking now. */
    int usePolicy(String name);
}
