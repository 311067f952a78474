package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a queue executes ({@code wd_comp_msg}): a slot of the queue's preallocated pool,
 * identified by its {@link #tag()}. The driver reads {@link #source()} (advancing its
 * positions by the bytes consumed), writes {@link #destination()} (advancing by the bytes
 * produced) and then calls exactly one of {@link #complete(boolean)} or {@link #fail}.
 * After that call the driver must not touch the job or its buffers again.
 */
@ProviderType
public interface Job {

    /** Index of this job's slot in the queue's pool: 0 .. depth-1. */
    int tag();

    Operation operation();

    Algorithm algorithm();

    int level();

    WindowSize window();

    SgList source();

    SgList destination();

    /** FINISH for stateless jobs; the caller's flush for stream jobs. */
    Flush flush();

    /** The stream's state (created by this job's driver), or null for a stateless job. */
    StreamState stream();

    /**
     * Upper bound on output bytes this job may produce (a decompression-bomb guard; for a
     * stream job what is left of the stream's limit); {@link Long#MAX_VALUE} when
     * unlimited. Exceeding it is OUTPUT_LIMIT_EXCEEDED.
     */
    long outputLimit();

    /**
     * Reports CPU time a CPU driver's worker spent on this job, for accounting (the
     * consumer is charged with it). Hardware drivers need not call it. Call before
     * completing the job.
     */
    void addCpuTime(long nanos);

    /**
     * Reports the CPU time the job took as the running thread's CPU clock measured it, which
     * leaves out the time the thread waited for a core on a busy host. A CPU driver may report
     * it for some of its jobs only (reading the clock costs about a microsecond); the platform's
     * model of the engine then learns its service time from these jobs alone, so that the pick
     * compares what engines cost rather than how loaded the host was when each was last tried.
     * Call before completing the job.
     *
     * @since 1.3
     */
    default void measuredCpuTime(long nanos) {
    }

    /**
     * True when the platform wants this job's CPU time whatever its size: a job that is there
     * to teach the engine's model (a calibration job, a request sent to explore an engine that
     * is not the predicted fastest) teaches it only through a measured time, and a driver that
     * measures some of its jobs only should measure this one ({@link #measuredCpuTime}).
     *
     * @since 1.5
     */
    default boolean wantsCpuTime() {
        return false;
    }

    /**
     * How a compression job's zstd or LZ4 frame is to be written: its session's frame options.
     * Only a driver that {@linkplain Driver#honoursFrameOptions() honours them} gets a job whose
     * options are not the default.
     *
     * @since 1.6
     */
    default FrameOptions frame() {
        return FrameOptions.DEFAULT;
    }

    /**
     * True when the thread now calling {@link Queue#send} for this job is the caller of a
     * sync request, who would otherwise only wait for the completion. A CPU driver may then
     * run the job right there, inside {@code send} and on that thread (as UADK's CPU
     * drivers do in sync mode), which saves the hand-off to a worker and the wake-up back.
     * Meaningful only during {@code send}.
     */
    default boolean senderWaits() {
        return false;
    }

    /**
     * Success. Positions of source and destination tell what was consumed and produced.
     *
     * @param endOfStream the compressed stream ended (see {@link io.warpdrive.comp.Request#endOfStream()})
     */
    void complete(boolean endOfStream);

    /** Failure with a status and a short detail for the caller's error message. */
    void fail(WdStatus status, String detail);
}
