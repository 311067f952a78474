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
import io.warpdrive.core.engine.stream.StreamContinuity;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stream: its state is created by the driver that serves its first request and then
 * travels with every request to any queue of that driver. One request at a time. This class is
 * the stream's request lifecycle; what lets it continue on another engine when its engine goes
 * away, and compress-and-verify of its output, is its {@link StreamContinuity}.
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
    /** What lets the stream continue on another engine, and verifies its output. */
    private final StreamContinuity continuity;

    StreamSessionImpl(Engine engine, Consumer consumer, Operation operation, SessionSpec spec) {
        super(engine, consumer, spec);
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "stream operation is required");
        }
        this.operation = operation;
        this.continuity = StreamContinuity.of(engine, operation, spec());
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
        continuity.arrives(r);
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
            refusal = "driver " + b.name() + " holding this stream's state went away; " + continuity.whyNotMovable();
        } else if (b != null && engine().quarantine().outOfService(b)) {
            // Quarantined (a wrong output caught on it, say): it serves nothing until the probe; if
            // the stream cannot move, it waits as before.
            move("every device of driver " + b.name() + " holding this stream's state is out of service");
        }
        if (refusal != null) {
            busy.set(false);
            throw new WdException(status, refusal);
        }
        continuity.accepted(r);
    }

    /**
     * Moves the stream to a fresh state on whichever engine serves its next request, if its
     * {@link StreamContinuity} can. True when it moved.
     */
    @Override
    public boolean move(String why) {
        if (broken || !continuity.leaveEngine(finished)) {
            return false;
        }
        DriverBinding from = binding;
        releaseState();
        engine().usage().streamMoved();
        engine().log().info(this + continuity.moveNote(from, why));
        return true;
    }

    @Override
    public Flush engineFlush(Flush flush) {
        return continuity.engineFlush(flush);
    }

    @Override
    public Algorithm engineAlgorithm() {
        return continuity.engineAlgorithm();
    }

    @Override
    public void beforeSend(EngineQueue q) {
        if (state == null) {
            state = openState(q);
            binding = q.binding();
        }
        continuity.beforeSend(q);
    }

    /** The stream's state on {@code q}'s engine: its own, or where a moved stream continues. */
    private StreamState openState(EngineQueue q) {
        StreamState moved = continuity.openMoved(q);
        if (moved != null) {
            return moved;
        }
        ByteBuffer preset = dictionary;
        boolean primed = preset != null && q.binding().driver().info().presetDictionary();
        StreamState opened = primed
                ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(), preset)
                : spec().frame().isDefault()
                        ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window())
                        : q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(),
                                null, spec().frame());
        continuity.startedOn(q, primed ? preset : null);
        return opened;
    }

    @Override
    public String wrongStreamOutput(EngineRequest r, long consumed, boolean endOfStream) {
        return continuity.wrongOutput(r, consumed, endOfStream, this);
    }

    /** What continues the stream on another engine (tests). */
    StreamContinuity continuity() {
        return continuity;
    }

    @Override
    public boolean continuesAfter(EngineRequest r) {
        return continuity.continuesAfter(r);
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
        if (stream == 0 || continuity.discarding()) {
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
            continuity.succeeded(r);
            produced += r.produced();
            finished = r.endOfStream();
        } else {
            broken = true;
            continuity.failed(r);
            if (continuity.couldNotMove() && r.status().isQueueFailure()) {
                r.failed(new WdException(r.status(), r.error().getMessage() + "; " + continuity.whyNotMovable()), null);
            }
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
            continuity.releaseKeptInput();
        }
    }

    @Override
    public boolean serveWithoutEngine(EngineRequest r) {
        return continuity.serveWithoutEngine(r);
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
            continuity.reset();
        } finally {
            busy.set(false);
        }
    }

    @Override
    void onClose() {
        if (!busy.get()) {
            releaseState();
            continuity.releaseKeptInput();
        }
    }

    private synchronized void releaseState() {
        StreamState s = state;
        state = null;
        binding = null;
        continuity.endVerification();
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                engine().log().warn("closing the state of " + this + " failed: " + e);
            }
        }
    }
}
