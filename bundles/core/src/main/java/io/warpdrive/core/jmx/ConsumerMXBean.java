package io.warpdrive.core.jmx;

import java.util.Map;

/** {@code io.warpdrive:type=Consumer,name=…,version=…}: one consumer bundle's usage. */
@Description("One consumer bundle's use of the platform since counting started")
public interface ConsumerMXBean {

    @Description("Symbolic name of the consumer bundle")
    String getName();

    @Description("Version of the consumer bundle")
    String getVersion();

    @Description("Bundle id of the consumer")
    long getBundleId();

    @Description("Requests completed")
    long getRequests();

    @Description("Input bytes of completed requests")
    long getBytesIn();

    @Description("Output bytes of completed requests")
    long getBytesOut();

    @Description("Requests served by hardware")
    long getHardwareRequests();

    @Description("Requests served on the CPU")
    long getCpuRequests();

    @Description("Share of requests served by hardware, 0 to 1")
    double getHardwareShare();

    @Description("Failed requests by status name")
    Map<String, Long> getErrors();

    @Description("Nanoseconds requests waited before a queue took them")
    long getQueuedNanos();

    @Description("Nanoseconds from submission to completion")
    long getServiceNanos();

    @Description("Nanoseconds of hardware time used")
    long getHardwareBusyNanos();

    @Description("Nanoseconds of CPU time charged")
    long getCpuNanos();

    @Description("Queues the consumer has reserved for itself")
    int getReservedQueues();
}
