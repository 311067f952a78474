package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor driver ({@code wd_alg_driver}), registered as an OSGi service by a driver
 * bundle. The platform tracks drivers as they come and go and opens queues on their
 * devices.
 *
 * <p>A driver describes itself as data with {@link #info()}; {@link #name()},
 * {@link #calcType()}, {@link #priority()}, {@link #scatterGather()} and
 * {@link #directMemoryOnly()} read it. A driver written before 1.3 implements those
 * getters instead, and {@code info()} is built from them; a driver implements one side or
 * the other (each defaults to the other). Its listeners are best kept in a
 * {@link DeviceListeners}.
 */
@ConsumerType
public interface Driver {

    /**
     * The driver's description. The default, for drivers written before 1.3, builds it from
     * the getters, with the algorithms its devices now serve and every window.
     *
     * @since 1.3
     */
    default DriverInfo info() {
        Set<Algorithm> algorithms = EnumSet.noneOf(Algorithm.class);
        for (Device d : devices()) {
            algorithms.addAll(d.algorithms());
        }
        return new DriverInfo(name(), calcType(), priority(), algorithms, EnumSet.allOf(WindowSize.class),
                scatterGather(), directMemoryOnly());
    }

    /** Short unique name, e.g. {@code soft}, {@code hisi_zip}: {@link DriverInfo#name()}. */
    default String name() {
        return info().name();
    }

    /** {@link DriverInfo#calcType()}. */
    default CalcType calcType() {
        return info().calcType();
    }

    /** Larger wins, as {@code wd_alg_driver.priority} and {@code cra_priority}: {@link DriverInfo#priority()}. */
    default int priority() {
        return info().priority();
    }

    /** The driver's devices as now known; changes are announced to {@link DeviceListener}s. */
    List<? extends Device> devices();

    void addDeviceListener(DeviceListener listener);

    void removeDeviceListener(DeviceListener listener);

    /**
     * True if jobs may carry multi-segment lists; otherwise the platform bounces them into
     * one buffer: {@link DriverInfo#scatterGather()}.
     */
    default boolean scatterGather() {
        return info().scatterGather();
    }

    /**
     * True if jobs must use direct buffers; otherwise heap buffers are passed as they are:
     * {@link DriverInfo#directMemoryOnly()}.
     */
    default boolean directMemoryOnly() {
        return info().directMemoryOnly();
    }

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

    /**
     * Creates the state of one raw deflate compression stream whose history starts with
     * {@code dictionary}: the stream's back-references may reach into the dictionary's last
     * window of bytes (32 KiB at most) as if they had been compressed just before the
     * stream's first byte, without being written. Nothing in the output marks it: the
     * reader must know the dictionary (raw deflate has no FDICT field), which is what a
     * stream continued from another stream's data needs, e.g. the pieces of a parallel
     * stream or a stream moved to another engine.
     *
     * <p>The buffer is read from its position to its limit and left as it was; the driver
     * copies what it needs before returning. A null or empty dictionary opens a plain
     * stream. Drivers that can take one say so in {@link DriverInfo#presetDictionary()};
     * the default refuses a dictionary and otherwise opens a plain stream.
     *
     * @throws io.warpdrive.comp.WdException UNSUPPORTED for a dictionary on a driver without
     *         {@link DriverInfo#presetDictionary()}, INVALID_ARGUMENT for a dictionary with
     *         another algorithm than {@link Algorithm#DEFLATE} or another operation than
     *         compression ({@link JobChecks#checkDictionary})
     * @since 1.4
     */
    default StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window,
            ByteBuffer dictionary) {
        if (dictionary == null || !dictionary.hasRemaining()) {
            return openStream(algorithm, operation, level, window);
        }
        JobChecks.checkDictionary(info(), algorithm, operation, dictionary);
        throw new WdException(WdStatus.UNSUPPORTED, "the " + info().name() + " driver takes no preset dictionary");
    }

    /**
     * Whether the driver writes zstd and LZ4 frames as a session's {@link FrameOptions} ask
     * (stateless jobs through {@link Job#frame()}, streams through
     * {@link #openStream(Algorithm, Operation, int, WindowSize, ByteBuffer, FrameOptions)}).
     * The platform picks no other driver for a session whose frame options are not the
     * default. The default: false.
     *
     * @since 1.6
     */
    default boolean honoursFrameOptions() {
        return false;
    }

    /**
     * Creates a stream's state with frame options. The default opens the stream without them
     * when they are the default and refuses them otherwise; a driver that
     * {@linkplain #honoursFrameOptions() honours them} overrides it.
     *
     * @throws io.warpdrive.comp.WdException UNSUPPORTED for options other than the default
     *         on a driver that does not honour them; what the other {@code openStream} throws
     * @since 1.6
     */
    default StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window,
            ByteBuffer dictionary, FrameOptions frame) {
        if (frame != null && !frame.isDefault()) {
            throw new WdException(WdStatus.UNSUPPORTED, "the " + info().name() + " driver does not write "
                    + algorithm.uadkName() + " frames with options (" + frame + ")");
        }
        return openStream(algorithm, operation, level, window, dictionary);
    }
}
