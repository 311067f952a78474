package io.warpdrive.stats;

import org.osgi.annotation.versioning.ProviderType;

/** How busy a queue, a device or a driver is. For devices and drivers, the sums over their queues. */
@ProviderType
public interface LoadUsage {

    /** Jobs completed successfully. */
    long requests();

    /** Jobs that failed (data errors included). */
    long failed();

    long bytesIn();

    long bytesOut();

    /** Jobs in flight now. */
    int inFlight();

    /** Time with at least one job in flight (summed over queues for devices and drivers), in ns. */
    long busyNanos();

    /** Open time without a job in flight (summed over queues), in ns. */
    long idleNanos();

    /** Input bytes per second over the last interval (about a second). */
    double throughput();

    /** Queue failures: device errors, timeouts, closed queues, and completions a driver reported twice. */
    long faults();
}
