package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor driver ({@code wd_alg_driver}), registered as an OSGi service by a driver
 * bundle. The platform tracks drivers as they come and go and opens queues on their
 * devices.
 */
@ConsumerType
public interface Driver {

    /** Short unique name, e.g. {@code soft}, {@code hisi_zip}. */
    String name();

    CalcType calcType();

    /** Larger wins, as {@code wd_alg_driver.priority} and {@code cra_priority}. */
    int priority();

    /** The driver's devices as now known; changes are announced to {@link DeviceListener}s. */
    List<? extends Device> devices();

    void addDeviceListener(DeviceListener listener);

    void removeDeviceListener(DeviceListener listener);

    /** True if jobs may carry multi-segment lists; otherwise the platform bounces them into one buffer. */
    boolean scatterGather();

    /** True if jobs must use direct buffers; otherwise heap buffers are passed as they are. */
    boolean directMemoryOnly();

    /**
     * Why the driver cannot serve anything now, for administrators (e.g. a native library
     * it needs is not installed); null when it can. An unavailable driver still registers,
     * so that shells and consoles show it with the reason, but it has no devices.
     *
     * @since 1.1
     */
    default String unavailableReason() {
        return null;
    }

    /**
     * The zlib level whose compression ratio this driver's output at {@code level} (1..9)
     * meets or beats — a level is a promise about the ratio. The default, {@code level}
     * itself, is right for a zlib-based driver; a driver whose best compresses less returns
     * lower (igzip's best is about zlib's 2), 0 when it does not reach zlib's level 1. Under
     * AUTO the platform sends a compression whose level a driver cannot honour to one that
     * can (unless its {@code level.accept.nearest} is set).
     *
     * @since 1.2
     */
    default int ratioLevel(int level) {
        return level;
    }

    /**
     * Creates the state of one stream, which then travels with each of the stream's jobs
     * to any queue of this driver.
     *
     * @throws io.warpdrive.comp.WdException UNSUPPORTED for parameters the driver cannot serve
     */
    StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window);
}
