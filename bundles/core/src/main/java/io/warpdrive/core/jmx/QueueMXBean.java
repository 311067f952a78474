package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Queue,driver=…,device=…,id=…}: one queue and its load. */
@Description("A queue of a device: its direction, mode and depth, and its load since counting started")
public interface QueueMXBean extends LoadMXBean {
    @Description("Driver name")
    String getDriver();

    @Description("Device name")
    String getDevice();

    @Description("COMPRESS or DECOMPRESS")
    String getDirection();

    @Description("SHARED (sync and async requests), SYNC or ASYNC")
    String getMode();

    @Description("Jobs the queue holds in flight at most")
    int getDepth();
}
