package io.warpdrive.core.jmx;

import java.util.Map;

/** {@code io.warpdrive:type=Consumer,name=…,version=…}: one consumer bundle's usage. */
public interface ConsumerMXBean {

    String getName();

    String getVersion();

    long getBundleId();

    long getRequests();

    long getBytesIn();

    long getBytesOut();

    long getHardwareRequests();

    long getCpuRequests();

    double getHardwareShare();

    /** Failed requests by status name. */
    Map<String, Long> getErrors();

    long getQueuedNanos();

    long getServiceNanos();

    long getHardwareBusyNanos();

    long getCpuNanos();

    int getReservedQueues();
}
