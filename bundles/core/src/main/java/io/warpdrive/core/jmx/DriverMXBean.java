package io.warpdrive.core.jmx;

/** {@code io.warpdrive:type=Driver,name=…}: one driver and its load. */
@Description("A compression driver: its kind, its priority and its load since counting started")
public interface DriverMXBean extends LoadMXBean {
    @Description("Driver name, e.g. soft, isal, hisi_zip")
    String getName();

    @Description("What runs its jobs: HW (an accelerator), INSTR (the CPU's accelerated instructions) or SOFT "
            + "(plain software)")
    String getType();

    @Description("Driver priority: under AUTO the platform prefers larger values; -1 when the driver has gone")
    int getPriority();
}
