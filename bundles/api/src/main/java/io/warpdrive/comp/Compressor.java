package io.warpdrive.comp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The wd_comp service. Registered with bundle scope: each consumer bundle gets its own
 * instance, so the platform accounts for and prioritises it by its identity. The
 * platform has already done the setup (queues, drivers, scheduler) from configuration.
 */
@ProviderType
public interface Compressor {

    /** Opens a stateless session. */
    Session openSession(SessionSpec spec);

    /** Opens a stream in one direction. */
    StreamSession openStream(Operation operation, SessionSpec spec);

    /**
     * Drives completion of this consumer's asynchronous requests when the platform is
     * configured for caller polling ({@code completion=CALLER}): reaps up to
     * {@code budget} completions, running their callbacks on this thread, waiting up to
     * {@code waitNanos} for the first one. With the managed poller (the default) it
     * only reaps what is already complete.
     *
     * @return the number of completions delivered
     */
    int poll(int budget, long waitNanos);

    /**
     * As {@link #poll(int, long)}, reaping only the completion rings {@code target} names (some
     * drivers, devices or queues): a thread per device can each poll its own. Completed requests
     * of this consumer already reaped (by any thread) are delivered whatever the target.
     *
     * @since 1.3
     */
    int poll(int budget, long waitNanos, PollTarget target);

    /**
     * Reserves queues for this consumer alone ({@code wd_request_queue}), in one direction:
     * on hardware ({@link FallbackPolicy#HARDWARE_ONLY}), on a CPU driver
     * ({@link FallbackPolicy#SOFTWARE_ONLY}) or wherever best ({@link FallbackPolicy#AUTO}:
     * hardware first). By default queues are a shared pool leased per request; a reserved
     * queue is not: other consumers' requests never land on it, and this consumer's
     * requests in that direction go to it first (to the shared pool when it is full).
     * Bounded by the platform's configuration; released by closing the reservation, and
     * automatically when the consumer bundle releases the Compressor or stops.
     *
     * @param queues how many queues to reserve; fewer may be granted (see
     *        {@link Reservation#queues()}) when devices have fewer free instances
     * @throws WdException INVALID_ARGUMENT when over the configured bound, BUSY when no
     *         queue could be reserved
     */
    Reservation reserve(Operation operation, int queues, FallbackPolicy where);

    /**
     * As {@link #reserve(Operation, int, FallbackPolicy)}, waiting up to {@code timeout} for an
     * instance to reserve when none is free (another consumer's reservation closes, queue
     * counts shrink, a device comes): {@link java.time.Duration#ZERO} tries once, as the
     * method without a timeout does; null waits without limit (until an instance is free, the
     * platform stops, or the thread is interrupted). It returns as soon as at least one queue
     * could be reserved (fewer than asked may be granted, as without a wait).
     *
     * @throws WdException INVALID_ARGUMENT when over the configured bound or for a negative
     *         timeout, TIMEOUT when no instance became free in time, INVALID_STATE when the
     *         thread was interrupted while waiting (its interrupt status is kept)
     * @since 1.3
     */
    Reservation reserve(Operation operation, int queues, FallbackPolicy where, java.time.Duration timeout);

    /** An upper bound of the compressed size of {@code inputLength} bytes (deflate bound plus framing). */
    long maxCompressedLength(Algorithm algorithm, long inputLength);

    /** One-shot compress of a whole array with default settings (level 6, AUTO). */
    byte[] compress(Algorithm algorithm, byte[] data);

    /** One-shot decompress of a whole array with default settings (AUTO). */
    byte[] decompress(Algorithm algorithm, byte[] data);
}
