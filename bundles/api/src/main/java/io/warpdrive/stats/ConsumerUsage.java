package io.warpdrive.stats;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdStatus;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What one consumer bundle (by symbolic name and version) did with the platform. Totals,
 * shares and per-algorithm figures of one snapshot are computed from the same readings.
 */
@ProviderType
public interface ConsumerUsage {

    String name();

    String version();

    /** Bundle id of its current (or last) instance. */
    long bundleId();

    /** Requests that succeeded, and their bytes. */
    Counts total();

    /** Succeeded requests of one algorithm and direction. */
    Counts of(Algorithm algorithm, Operation operation);

    /** Succeeded requests served by hardware drivers. */
    long hardwareRequests();

    /** Succeeded requests served by CPU drivers (INSTR and SOFT). */
    long cpuRequests();

    /** hardwareRequests / all succeeded requests (0 when none). */
    double hardwareShare();

    /** Failed requests by status (only statuses that occurred). */
    Map<WdStatus, Long> errors();

    /** Time its requests spent before a queue took them (picking, waiting for capacity), in ns. */
    long queuedNanos();

    /** Time its requests spent on queues, from send to completion, in ns. */
    long serviceNanos();

    /** Part of {@link #serviceNanos()} on hardware queues: accelerator time attributed to it. */
    long hardwareBusyNanos();

    /** CPU time spent on its behalf: its threads spinning in sync waits and CPU-driver workers serving it, in ns. */
    long cpuNanos();

    /** Queues it holds reserved now. */
    int reservedQueues();

    /**
     * Hardware instances busy on its behalf, on average over the last 1, 5 and 15 minutes: its
     * hardware-busy nanoseconds per nanosecond (1.0: one instance busy all the time).
     *
     * @since 1.2
     */
    MovingAverages hardwareBusy();

    /** Its part (0 to 1) of the hardware-busy time of all consumers, over the same windows. @since 1.2 */
    MovingAverages hardwareBusyShare();

    /** CPUs busy on its behalf (spinning callers, CPU-driver workers), on average over the same windows. @since 1.2 */
    MovingAverages cpuTime();

    /** Its part (0 to 1) of the CPU time spent for all consumers, over the same windows. @since 1.2 */
    MovingAverages cpuTimeShare();
}
