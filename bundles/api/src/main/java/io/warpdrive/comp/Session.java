package io.warpdrive.comp;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A stateless session ({@code wd_comp_sess}): every request is a complete compressed
 * stream (compress) or holds one or more complete streams (decompress; concatenated
 * gzip members decompress fully). Any queue may serve any request, and a request whose
 * queue fails under {@link FallbackPolicy#AUTO} is re-sent elsewhere.
 *
 * <p>Thread-safe: many threads may use one session; each request object is used by one
 * thread at a time.
 */
@ProviderType
public interface Session extends AutoCloseable {

    SessionSpec spec();

    /** A new reusable request bound to this session. */
    Request newRequest();

    /**
     * Serves the request and returns when it is done (spinning when it is expected to
     * finish soon, parking when not).
     *
     * @throws WdException the request's failure (also available from the request)
     */
    void execute(Request request);

    /**
     * Submits the request; {@code completion} is called exactly once when it is done.
     *
     * @throws WdException when the request is not accepted (invalid, closed session,
     *         {@link WdStatus#BUSY} under {@link Backpressure#FAIL_FAST}); the
     *         completion is then not called
     */
    void submit(Request request, Completion completion);

    /** Submits the request; the stage completes with the request, or exceptionally with a {@link WdException}. */
    CompletionStage<Request> submit(Request request);

    /** Compresses {@code src} into {@code dst}, advancing both; returns the bytes produced. */
    int compress(ByteBuffer src, ByteBuffer dst);

    /** Decompresses {@code src} into {@code dst}, advancing both; returns the bytes produced. */
    int decompress(ByteBuffer src, ByteBuffer dst);

    /** Scatter-gather compress; returns the bytes produced. */
    long compress(SgList src, SgList dst);

    /** Scatter-gather decompress; returns the bytes produced. */
    long decompress(SgList src, SgList dst);

    /** Compresses a whole array into a new one. */
    byte[] compress(byte[] data);

    /** Decompresses a whole array into a new one (output grows as needed, within the platform's output limit). */
    byte[] decompress(byte[] data);

    boolean isClosed();

    /**
     * Closes the session: later calls fail with {@link WdStatus#SESSION_CLOSED};
     * requests already in flight complete normally. Idempotent.
     */
    @Override
    void close();
}
