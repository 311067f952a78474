package io.warpdrive.core.jmx;

/**
 * The load of a driver, a device or a queue (the attributes {@link DriverMXBean}, {@link DeviceMXBean} and
 * {@link QueueMXBean} share).
 */
@Description("Load of a driver, a device or a queue since counting started")
public interface LoadMXBean {
    @Description("Requests completed (successfully or not)")
    long getRequests();

    @Description("Requests that failed")
    long getFailed();

    @Description("Input bytes of completed requests")
    long getBytesIn();

    @Description("Output bytes of completed requests")
    long getBytesOut();

    @Description("Jobs in flight now")
    int getInFlight();

    @Description("Nanoseconds with at least one job in flight")
    long getBusyNanos();

    @Description("Nanoseconds with no job in flight")
    long getIdleNanos();

    @Description("Input bytes per second over the last interval")
    double getThroughput();

    @Description("Queue faults (stuck or failed queues replaced)")
    long getFaults();
}
