package io.warpdrive.comp;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One request and, once it is done, its result ({@code wd_comp_req}). Obtained from
 * {@link Session#newRequest()} or {@link StreamSession#newRequest()} and reusable: set
 * the buffers, execute or submit, read the result, repeat. Reusing requests is how a
 * caller keeps the hot path free of allocation.
 *
 * <p>A request belongs to the session that made it and may be in flight once at a time.
 * Its buffers must not be touched while it is in flight. Results are valid once
 * {@link #isDone()} returns true (always the case after a sync call returns or in a
 * {@link Completion} callback).
 */
@ProviderType
public interface Request {

    /** Input: bytes between each segment's position and limit. */
    Request source(SgList source);

    /** Input as one buffer (the one-segment case). */
    Request source(ByteBuffer source);

    /** Output space: bytes between each segment's position and limit. */
    Request destination(SgList destination);

    /** Output space as one buffer. */
    Request destination(ByteBuffer destination);

    /** Direction (stateless sessions; a stream session's direction is fixed). */
    Request operation(Operation operation);

    /** Flush mode (stream sessions; ignored by stateless ones, which always finish). */
    Request flush(Flush flush);

    /** Attaches any object for the caller's use, as NIO's SelectionKey does. */
    Request attach(Object attachment);

    /**
     * Marks the request with a hypervisor tag (StarPU's {@code hypervisor_tag}):
     * when it completes, a scheduling policy that resizes scheduling contexts applies the
     * resize configured for that tag. 0 (the default) means none. The tag stays on the
     * request when it is reused until it is set again.
     */
    Request hypervisorTag(int tag);

    /**
     * Declares the request's work (StarPU's per-task flops), in whatever unit the caller's
     * scheduling context counts its work in: a policy that shares queues by work done (the
     * hypervisor's throughput strategy) counts this instead of the request's input bytes, and
     * a context's declared total work is then in the same unit. 0 (the default) means the
     * request's work is its input bytes. It stays on the request when it is reused until it is
     * set again.
     *
     * @throws IllegalArgumentException if {@code work} is negative
     * @since 1.4
     */
    Request declaredWork(long work);

    SgList source();

    SgList destination();

    Operation operation();

    Flush flush();

    Object attachment();

    /** The hypervisor tag, or 0. */
    int hypervisorTag();

    /**
     * The work declared with {@link #declaredWork(long)}, or 0 (its input bytes count).
     *
     * @since 1.4
     */
    long declaredWork();

    /** True once the request has completed (with a result or an error). */
    boolean isDone();

    /** OK, or the failure's status. */
    WdStatus status();

    /** The failure, or null when the request succeeded. */
    WdException error();

    /** Input bytes consumed. */
    long consumed();

    /** Output bytes produced. */
    long produced();

    /**
     * True when the request reached the end of the stream: the compressed stream was
     * finished (compress with FINISH and all of it written), or, decompressing, a stream
     * (for gzip: a member; for zstd and LZ4: a frame) ended and no further member or frame
     * followed in the input, so one may still follow in the next request's input. Bytes
     * after a gzip member that are not another member are left unconsumed
     * ({@link #consumed()} says how far decoding got); after a zstd or LZ4 frame they are
     * CORRUPT_INPUT.
     */
    boolean endOfStream();

    /** Name of the driver that served the request, or null if none did. */
    String servedBy();

    /** True when a hardware driver served the request. */
    boolean servedByHardware();
}
