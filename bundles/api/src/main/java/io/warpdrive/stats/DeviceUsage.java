package io.warpdrive.stats;

import org.osgi.annotation.versioning.ProviderType;

/** One device: its open queues and those it had before (counters survive queues and driver restarts). */
@ProviderType
public interface DeviceUsage extends LoadUsage {

    String driver();

    String device();

    /** Queues open on it now. */
    int queues();
}
