package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Driver,…} and {@code io.warpdrive:type=Queue,…}: load of a driver or a queue. */
public interface LoadMXBean {

    long getRequests();

    long getFailed();

    long getBytesIn();

    long getBytesOut();

    int getInFlight();

    long getBusyNanos();

    long getIdleNanos();

    /** Input bytes per second over the last interval. */
    double getThroughput();

    long getFaults();
}
