package io.warpdrive.lib;

/** Whether a device can take new queues and jobs. */
public enum DeviceHealth {
    ONLINE,
    /** Isolated after errors (sysfs {@code isolate}); skipped for new work. */
    ISOLATED,
    /** Gone (hot-unplugged or no longer found by a rescan). */
    REMOVED
}
