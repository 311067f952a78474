package io.warpdrive.stats;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The accounting service: snapshots of the platform's counters. */
@ProviderType
public interface UsageStats {

    /** Every consumer seen since the last reset. */
    List<ConsumerUsage> consumers();

    /** The queues open now. */
    List<QueueUsage> queues();

    /** Every device seen since the last reset. */
    List<DeviceUsage> devices();

    /** Every driver seen since the last reset. */
    List<DriverUsage> drivers();

    /** Work per consumer and context tag, submitted and completed, since the last reset. */
    List<ContextUsage> contexts();

    /**
     * Streams that continued on another engine since the last reset, and the compressed input
     * decompression streams keep now to resume.
     *
     * @since 1.5
     */
    StreamContinuityUsage streamContinuity();

    /** When counting started (platform start or the last reset). */
    Instant since();

    /**
     * Asks every {@link UsageEventListener} for its thresholds again (its contexts changed);
     * they take effect at the engine's next watch.
     *
     * @since 1.3
     */
    void thresholdsChanged();

    /** Sets every counter to zero (jobs in flight are counted when they complete). */
    void reset();
}
