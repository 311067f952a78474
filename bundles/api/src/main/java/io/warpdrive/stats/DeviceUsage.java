package io.warpdrive.stats;

import org.osgi.annotation.versioning.ProviderType;

/** One device: its open queues and those it had before (counters survive queues and driver restarts). */
@ProviderType
public interface DeviceUsage extends LoadUsage {

    String driver();

    String device();

    /** Queues open on it now. */
    int queues();

    /**
     * Outputs the device returned as complete and correct that compress-and-verify found wrong
     * (never delivered: each was served again elsewhere, and the device quarantined).
     *
     * @since 1.4
     */
    long wrongOutputs();
}
