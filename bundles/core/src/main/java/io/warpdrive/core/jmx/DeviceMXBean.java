package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Device,driver=…,device=…}: one device, its load and its wrong outputs. */
@Description("A device of a driver: its load over all its queues, past ones included, since counting started")
public interface DeviceMXBean extends LoadMXBean {
    @Description("Driver name")
    String getDriver();

    @Description("Device name")
    String getDevice();

    @Description("Queues open on the device now")
    int getQueues();

    @Description("Outputs the device returned as correct that compress-and-verify found wrong; none was delivered "
            + "(each was served again elsewhere and the device quarantined)")
    long getWrongOutputs();
}
