package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stream: its state is created by the driver that serves its first request and then
 * travels with every request to any queue of that driver. One request at a time.
 *
 * <p>A deflate, zlib or gzip compression stream can move to another engine when its engine goes
 * away (driver stopped, device removed, device error, stuck queue): each of its requests ends at
 * a flush point (a request without a flush is sent with a sync flush), the platform keeps the
 * last 32 KiB of input and the running checksum and length ({@link CompressionCheckpoint}), and
 * the failed request is sent again to a fresh state on another engine, as raw deflate primed with
 * that window where the driver takes a dictionary; the platform then writes the gzip or zlib
 * trailer. Nothing of a failed request reaches the caller, so nothing is delivered twice. A
 * decompression stream cannot move (where it stands in the compressed data is the engine's): it
 * fails with DRIVER_GONE, QUEUE_CLOSED, DEVICE_ERROR or TIMEOUT and says so.
 */
final class StreamSessionImpl extends AbstractSession implements StreamSession {
    private final Operation operation;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile DriverBinding binding;
    private volatile StreamState state;
    private volatile boolean finished;
    private volatile boolean broken;
    /** The preset dictionary for the driver that opens the stream's state; null without one. */
    private volatile ByteBuffer dictionary;
    /** Output of this stream so far (since it started or was reset), against its output limit. */
    private volatile long produced;
    /** For a compression stream that can move to another engine; else null. */
    private final CompressionCheckpoint checkpoint;
    /** The stream moved after output was delivered: engines continue it as raw deflate, the platform frames it. */
    private volatile boolean raw;
    /** Trailer bytes of a moved stream still to write (the caller's output space ran out), or null. */
    private byte[] pendingTrailer;
    private int trailerWritten;

    StreamSessionImpl(Engine engine, Consumer consumer, Operation operation, SessionSpec spec) {
        super(engine, consumer, spec);
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "stream operation is required");
        }
        this.operation = operation;
        this.checkpoint = operation == Operation.COMPRESS && CompressionCheckpoint.serves(spec.algorithm())
                ? new CompressionCheckpoint(spec.algorithm()) : null;
    }

    @Override
    public boolean isStream() {
        return true;
    }

    @Override
    public Operation fixedOperation() {
        return operation;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public DriverBinding boundBinding() {
        return binding;
    }

    @Override
    public StreamState streamState() {
        return state;
    }

    @Override
    public void beforeDispatch(EngineRequest r) {
        if (!busy.compareAndSet(false, true)) {
            throw new WdException(WdStatus.INVALID_STATE, "a request of this stream is already in flight");
        }
        String refusal = null;
        WdStatus status = WdStatus.INVALID_STATE;
        DriverBinding b = binding;
        if (broken) {
            refusal = "stream is broken after an earlier error; reset it";
        } else if (finished && operation == Operation.COMPRESS) {
            refusal = "stream is finished; reset it to start another";
        } else if (b != null && b.isRemoved() && !move("driver " + b.name() + " went away")) {
            broken = true;
            status = WdStatus.DRIVER_GONE;
            refusal = "driver " + b.name() + " holding this stream's state went away; " + whyNotMovable();
        }
        if (refusal != null) {
            busy.set(false);
            throw new WdException(status, refusal);
        }
        if (checkpoint != null) {
            checkpoint.beforeRequest(r.source());
        }
    }

    /**
     * Moves the stream to a fresh state on whichever engine serves its next request, if it is a
     * compression stream whose output ends at a flush point. True when it moved.
     */
    @Override
    public boolean move(String why) {
        if (checkpoint == null || finished || broken || !checkpoint.atFlushPoint()) {
            return false;
        }
        DriverBinding from = binding;
        releaseState();
        if (checkpoint.delivered() > 0) {
            raw = true; // the header is out: the next engine continues the deflate data
        }
        engine().log().info(this + " moves to another engine after " + checkpoint.delivered() + " bytes of output ("
                + (from == null ? "" : "from driver " + from.name() + ": ") + why + ")");
        return true;
    }

    private String whyNotMovable() {
        if (checkpoint == null) {
            return operation == Operation.DECOMPRESS
                    ? "a decompression stream cannot continue on another engine (where it stands in the data is the"
                            + " engine's); start it again from the beginning"
                    : "a " + spec().algorithm().uadkName() + " stream cannot continue on another engine";
        }
        return "the stream cannot continue: output was still pending inside that engine (give each request"
                + " output space for its whole input)";
    }

    /** Requests of a stream that can move end at a flush point: NONE is sent as SYNC. */
    @Override
    public Flush engineFlush(Flush flush) {
        return checkpoint != null && flush == Flush.NONE ? Flush.SYNC : flush;
    }

    @Override
    public Algorithm engineAlgorithm() {
        return raw ? Algorithm.DEFLATE : spec().algorithm();
    }

    @Override
    public void beforeSend(EngineQueue q) {
        if (state == null) {
            if (raw) {
                // Continued as raw deflate; primed with the last window of input where the driver takes it
                // (the output is valid either way: a dictionary only lets the first blocks refer back).
                ByteBuffer dictionary = q.binding().driver().info().presetDictionary()
                        ? ByteBuffer.wrap(checkpoint.dictionary()) : null;
                state = q.binding().driver().openStream(Algorithm.DEFLATE, operation, spec().level(), spec().window(),
                        dictionary);
            } else {
                ByteBuffer preset = dictionary;
                state = preset != null && q.binding().driver().info().presetDictionary()
                        ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(), preset)
                        : spec().frame().isDefault()
                                ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window())
                                : q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(),
                                        null, spec().frame());
            }
            binding = q.binding();
        }
    }

    /**
     * What is left of the stream's limit (the platform's {@code stream.output.limit.mb},
     * lowered by the session's own), within the per-request limit: a decompression bomb fed
     * in pieces stops at the limit, however small each request's output space.
     */
    @Override
    public long outputLimit() {
        long perRequest = super.outputLimit();
        long stream = streamLimit();
        if (stream == 0) {
            return perRequest;
        }
        return Math.min(perRequest, Math.max(0, stream - produced));
    }

    /** The whole stream's output limit (0: none): the platform's, lowered by the session's own. */
    private long streamLimit() {
        long platform = engine().settings().streamOutputLimit();
        long own = spec().outputLimit();
        return platform == 0 ? own : own == 0 ? platform : Math.min(own, platform);
    }

    @Override
    public void afterCompletion(EngineRequest r) {
        if (r.error() == null) {
            if (checkpoint != null && !r.servedByPlatform()) {
                checkpoint.succeeded(r.source(), r.consumed(), r.size(), r.produced(), r.destination().hasRemaining(),
                        r.endOfStream());
                if (raw && r.endOfStream()) {
                    pendingTrailer = checkpoint.trailer();
                    trailerWritten = 0;
                    writeTrailer(r);
                }
            }
            produced += r.produced();
            finished = r.endOfStream();
        } else {
            broken = true;
            long stream = streamLimit();
            if (r.status() == WdStatus.OUTPUT_LIMIT_EXCEEDED && stream != 0 && stream - produced < super.outputLimit()) {
                // The driver saw what was left of the stream's limit (0 at the end): name the limit itself.
                r.failed(new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "the stream's output would exceed its limit of "
                        + stream + " bytes" + (stream >= 1 << 20 ? " (" + (stream >> 20) + " MB)" : "")
                        + (produced > 0 ? ", " + produced + " written so far" : "")), null);
            }
        }
        busy.set(false);
        if (isClosed()) {
            releaseState();
        }
    }

    /**
     * Writes what the caller's output space takes of a moved stream's trailer; the request ends
     * the stream only once all of it is written.
     */
    private void writeTrailer(EngineRequest r) {
        byte[] t = pendingTrailer;
        long n = r.destination().scatterFrom(ByteBuffer.wrap(t, trailerWritten, t.length - trailerWritten));
        trailerWritten += (int) n;
        boolean done = trailerWritten == t.length;
        if (done) {
            pendingTrailer = null;
        }
        r.appended(n, done);
    }

    /** A moved stream's trailer still waiting for output space is written without an engine. */
    @Override
    public boolean serveWithoutEngine(EngineRequest r) {
        if (pendingTrailer == null) {
            return false;
        }
        r.markServedByPlatform();
        writeTrailer(r);
        return true;
    }

    @Override
    public long process(ByteBuffer src, ByteBuffer dst, Flush flush) {
        EngineRequest r = borrow();
        try {
            r.source(src).destination(dst).flush(flush);
            engine().dispatcher().execute(r);
            return r.produced();
        } finally {
            giveBack(r);
        }
    }

    @Override
    public void setDictionary(ByteBuffer value) {
        checkOpen();
        if (value == null || !value.hasRemaining()) {
            dictionary = null;
            return;
        }
        JobChecks.checkDictionary(spec().algorithm(), operation, value);
        if (state != null || busy.get()) {
            throw new WdException(WdStatus.INVALID_STATE, "a preset dictionary is set before the stream's first"
                    + " request (or after a reset)");
        }
        dictionary = value;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void reset() {
        checkOpen();
        if (!busy.compareAndSet(false, true)) {
            throw new WdException(WdStatus.INVALID_STATE, "cannot reset while a request is in flight");
        }
        try {
            releaseState();
            dictionary = null;
            finished = false;
            broken = false;
            produced = 0;
            raw = false;
            pendingTrailer = null;
            if (checkpoint != null) {
                checkpoint.reset();
            }
        } finally {
            busy.set(false);
        }
    }

    @Override
    void onClose() {
        if (!busy.get()) {
            releaseState();
        }
    }

    private synchronized void releaseState() {
        StreamState s = state;
        state = null;
        binding = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                engine().log().warn("closing the state of " + this + " failed: " + e);
            }
        }
    }
}
