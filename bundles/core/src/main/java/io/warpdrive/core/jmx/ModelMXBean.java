package io.warpdrive.core.jmx;

/**
 * {@code io.warpdrive:type=Model,driver=…,device=…}: the performance model of one engine (a device
 * of a driver), the names as {@code wd:models} shows them.
 */
@Description("The performance model of an engine (a device of a driver): what the platform has learned of its "
        + "service time per kind of request and size, from calibration and every completion")
public interface ModelMXBean {
    @Description("Driver name")
    String getDriver();

    @Description("Device name")
    String getDevice();

    @Description("Whether the engine is an accelerator (else it runs on the host's CPU)")
    boolean isHardware();

    @Description("Per kind of request and size class learned: kind, size, bytes, predicted µs of a sync request "
            + "(-1 while learning), MB/s it implies, samples, confidence (0 to 1)")
    EstimateRow[] getEstimates();

    @Description("When the engine last passed its calibration and self-test (ISO-8601), or empty when it has not")
    String getLastCalibration();

    @Description("µs until a sync caller runs again once its job completed on this engine (learned)")
    double getHandBackMicros();

    @Description("Jobs the engine failed itself (device errors, timeouts), each counted as a slow sample")
    long getFailures();

    @Description("Why the engine gets no traffic (a failed self-test, or quarantined: wrong output, device errors), "
            + "or empty")
    String getRefused();
}
