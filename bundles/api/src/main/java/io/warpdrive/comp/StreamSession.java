package io.warpdrive.comp;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A stream ({@code wd_stm_comp}): one direction, state carried with every request so
 * any queue of the serving driver can take the next block. One request may be
 * outstanding at a time; a second concurrent one fails with
 * {@link WdStatus#INVALID_STATE}.
 *
 * <p>Compress: feed input with {@link Flush#NONE}, {@link Flush#SYNC} or
 * {@link Flush#FULL}; end with {@link Flush#FINISH}, repeating with fresh output space
 * until {@link Request#endOfStream()}. When output space runs out, not all input is
 * consumed: call again with the rest. Decompress: feed input; {@link #isFinished()}
 * becomes true when a stream (a gzip member) ends exactly at the end of the input given;
 * more gzip members may follow.
 */
@ProviderType
public interface StreamSession extends AutoCloseable {

    SessionSpec spec();

    Operation operation();

    Request newRequest();

    /** @throws WdException the request's failure; the stream is then broken until {@link #reset()} */
    void execute(Request request);

    /** @see Session#submit(Request, Completion) */
    void submit(Request request, Completion completion);

    CompletionStage<Request> submit(Request request);

    /** Sync convenience: processes {@code src} into {@code dst} with {@code flush}; returns the bytes produced. */
    long process(ByteBuffer src, ByteBuffer dst, Flush flush);

    /** True once the stream has ended (see the class description). */
    boolean isFinished();

    /**
     * Primes a raw deflate compression stream with a history, as {@code Deflater.setDictionary}
     * does: its output may refer back into the dictionary's last 32 KiB without writing them,
     * so a reader must be given the same dictionary (raw deflate has no place to say so). What
     * a stream that continues earlier data needs: each piece of a parallel stream is primed
     * with the 32 KiB before it. Call before the stream's first request (again after each
     * {@link #reset()}, which drops it); the buffer is read when that request is sent, and
     * must not change until then. The engine that serves the stream uses it when its driver
     * can take one ({@code DriverInfo.presetDictionary}); another compresses without it, which
     * is still correct (a reader's dictionary is then simply not referred to), only larger.
     *
     * @param dictionary null or empty for none
     * @throws WdException INVALID_ARGUMENT on a stream that is not raw deflate compression,
     *         INVALID_STATE after the stream's first request
     * @since 1.3
     */
    default void setDictionary(ByteBuffer dictionary) {
        if (dictionary != null && dictionary.hasRemaining()) {
            throw new WdException(WdStatus.UNSUPPORTED, "this stream takes no preset dictionary");
        }
    }

    /** Starts a new stream on this session, dropping the old state. Not allowed while a request is in flight. */
    void reset();

    boolean isClosed();

    /** Closes the stream and releases its state. Idempotent. */
    @Override
    void close();
}
