package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;

/**
 * What lets a stream continue on another engine when its engine goes away (driver stopped, device
 * removed, device error, stuck queue: DRIVER_GONE, QUEUE_CLOSED, DEVICE_ERROR, TIMEOUT), with
 * nothing delivered twice; the stream session calls it at each step of a request. This base serves
 * a stream that cannot move; {@link #of} gives each stream its own:
 *
 * <ul>
 * <li>A deflate, zlib or gzip compression stream ({@link CompressionContinuity}): each of its
 * requests ends at a flush point (a request without a flush is sent with a sync flush, and where
 * the caller's output space may not take the request's output the engine writes into the
 * platform's, which holds the rest for the caller's next requests: {@link HeldOutput}); the
 * platform keeps the last 32 KiB of input and the running checksum and length
 * ({@link CompressionCheckpoint}), and the failed request is sent again to a fresh state on another
 * engine, as raw deflate primed with that window where the driver takes a dictionary; the platform
 * then writes the gzip or zlib trailer. Nothing of a failed request reaches the caller. Only a
 * request of more than {@link HeldOutput#LIMIT} bytes' output given too little space leaves output
 * inside its engine: then the stream cannot move.
 * <li>A zstd or LZ4 compression stream: its requests end at a flush point in the same way; the
 * platform ends the frame the old engine began after the last output it delivered (an empty last
 * block or the EndMark, and the content checksum it hashed from the input: {@link FrameEnd}) and
 * the failed request goes to a fresh state on another engine, which begins a new frame with the
 * same options; both formats read a sequence of frames as one stream. The end of the old frame
 * goes out before the new engine's output, through {@link HeldOutput}: a failed request of more
 * than {@link HeldOutput#LIMIT} bytes' output cannot move.
 * <li>A decompression stream of any format ({@link DecompressionContinuity}): the platform keeps
 * the compressed input since the last resume point (the start, or where the engine reported the
 * end of a gzip member, zlib or deflate stream, zstd or LZ4 frame), up to
 * {@code stream.resume.input.mb}, and how much output it delivered since; the next engine
 * decompresses the kept input again, the platform discards the output delivered before (checking
 * its last 4 KiB) and goes on ({@link DecompressionResume}). Past the cap, or where the output
 * differs, the stream fails with a status saying why.
 * </ul>
 *
 * <p>A sampled deflate, zlib or gzip compression stream on hardware has its output verified
 * request by request before delivery ({@link StreamVerification}); a wrong output moves it as an
 * engine going away does, and so does finding every device of its driver out of service.
 *
 * <p>One request of a stream at a time: the stream's request discipline is this object's lock.
 * Nothing here allocates per request.
 */
public class StreamContinuity {
    final Engine engine;
    final SessionSpec spec;
    /** The request in flight (one at a time). */
    EngineRequest current;
    /** The caller's buffers while a job of the request in flight uses the platform's; else null. */
    SgList callerSource;
    SgList callerDestination;
    /** Why the stream could not move when it last tried, or null. */
    String cannotMove;

    StreamContinuity(Engine engine, SessionSpec spec) {
        this.engine = engine;
        this.spec = spec;
    }

    /** What continues a stream of {@code operation} and {@code spec} on another engine, if anything can. */
    public static StreamContinuity of(Engine engine, Operation operation, SessionSpec spec) {
        if (operation == Operation.DECOMPRESS) {
            return new DecompressionContinuity(engine, spec);
        }
        return CompressionCheckpoint.serves(spec.algorithm()) ? new CompressionContinuity(engine, spec)
                : new StreamContinuity(engine, spec);
    }

    /** A request of the stream arrives, before the stream decides whether to take it. */
    public void arrives(EngineRequest r) {
        current = r;
    }

    /** The stream took the request that arrived: it is dispatched. */
    public void accepted(EngineRequest r) {
    }

    /**
     * Readies the stream for a fresh state on whichever engine serves its next request; the request
     * in flight gets its own buffers back. False when it cannot move ({@link #whyNotMovable}).
     */
    public boolean leaveEngine(boolean finished) {
        return false;
    }

    /** For the log, after {@link #leaveEngine} readied the stream: where it goes and why. */
    public String moveNote(DriverBinding from, String why) {
        return " moves to another engine (" + (from == null ? "" : "from driver " + from.name() + ": ") + why + ")";
    }

    /** Why the stream cannot continue on another engine. */
    public String whyNotMovable() {
        return "a " + spec.algorithm().uadkName() + " stream cannot continue on another engine";
    }

    /** The stream tried to move and could not. */
    public boolean couldNotMove() {
        return cannotMove != null;
    }

    /** The flush its engine gets for a request of {@code flush}. */
    public Flush engineFlush(Flush flush) {
        return flush;
    }

    /** The format its engine writes. */
    public Algorithm engineAlgorithm() {
        return spec.algorithm();
    }

    /** The state a stream that moved continues in on {@code q}'s engine; null to open the stream's own. */
    public StreamState openMoved(EngineQueue q) {
        return null;
    }

    /** The stream's own state opened on {@code q}'s engine, primed with {@code preset} (or null). */
    public void startedOn(EngineQueue q, ByteBuffer preset) {
    }

    /** The request in flight is about to go to {@code q}: its job's buffers, where the platform's. */
    public void beforeSend(EngineQueue q) {
    }

    /** What is wrong with the output of the job that just succeeded, or null. */
    public String wrongOutput(EngineRequest r, long consumed, boolean endOfStream, Object stream) {
        return null;
    }

    /** A job succeeded: true when the request goes on with another job. */
    public boolean continuesAfter(EngineRequest r) {
        return false;
    }

    /** The job in flight discards replayed output: the stream's output limit does not count it. */
    public boolean discarding() {
        return false;
    }

    /** Output the platform holds is written to {@code r} without an engine: true when it did. */
    public boolean serveWithoutEngine(EngineRequest r) {
        return false;
    }

    /** The request in flight succeeded. */
    public void succeeded(EngineRequest r) {
        restoreCallerBuffers(r);
        current = null;
    }

    /** The request in flight failed: the stream broke and keeps nothing until it is reset. */
    public void failed(EngineRequest r) {
        restoreCallerBuffers(r);
        current = null;
        endVerification();
    }

    /** The stream starts again. */
    public void reset() {
        cannotMove = null;
    }

    /** Gives back the input kept to resume: the stream closes. */
    public void releaseKeptInput() {
    }

    /** Releases a verifier's inflater: the stream closes, resets, moves or broke. */
    public void endVerification() {
    }

    /** The stream's verifier on its current engine, or null. */
    StreamVerifier verifier() {
        return null;
    }

    void restoreCallerBuffers(EngineRequest r) {
        if (callerSource != null && r != null) {
            r.engineBuffers(callerSource, callerDestination);
        }
        callerSource = null;
        callerDestination = null;
    }
}
