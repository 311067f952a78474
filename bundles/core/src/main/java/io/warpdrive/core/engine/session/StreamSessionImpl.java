package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
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
 * <p>A stream continues on another engine when its engine goes away (driver stopped, device
 * removed, device error, stuck queue: DRIVER_GONE, QUEUE_CLOSED, DEVICE_ERROR, TIMEOUT), and
 * nothing is delivered twice:
 *
 * <ul>
 * <li>A deflate, zlib or gzip compression stream: each of its requests ends at a flush point (a
 * request without a flush is sent with a sync flush, and where the caller's output space may
 * not take the request's output the engine writes into the platform's, which holds the rest for
 * the caller's next requests: {@link HeldOutput}); the platform keeps the last 32 KiB of input
 * and the running checksum and length ({@link CompressionCheckpoint}), and the failed request is
 * sent again to a fresh state on another engine, as raw deflate primed with that window where the
 * driver takes a dictionary; the platform then writes the gzip or zlib trailer. Nothing of a
 * failed request reaches the caller. Only a request of more than {@link HeldOutput#LIMIT} bytes'
 * output given too little space leaves output inside its engine: then the stream cannot move.
 * <li>A zstd or LZ4 compression stream: its requests end at a flush point in the same way; the
 * platform ends the frame the old engine began after the last output it delivered (an empty last
 * block or the EndMark, and the content checksum it hashed from the input: {@link FrameEnd}) and
 * the failed request goes to a fresh state on another engine, which begins a new frame with the
 * same options; both formats read a sequence of frames as one stream. The end of the old frame
 * goes out before the new engine's output, through {@link HeldOutput}: a failed request of more
 * than {@link HeldOutput#LIMIT} bytes' output cannot move.
 * <li>A decompression stream of any format: the platform keeps the compressed input since the
 * last resume point (the start, or where the engine reported the end of a gzip member, zlib or
 * deflate stream, zstd or LZ4 frame), up to {@code stream.resume.input.mb}, and how much output
 * it delivered since; the next engine decompresses the kept input again, the platform discards
 * the output delivered before (checking its last 4 KiB) and goes on ({@link DecompressionResume}).
 * Past the cap, or where the output differs, the stream fails with a status saying why.
 * </ul>
 *
 * <p>A sampled deflate, zlib or gzip compression stream on hardware has its output verified
 * request by request before delivery ({@link StreamVerification}); a wrong output moves it as an
 * engine going away does, and so does finding every device of its driver out of service.
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
    /** For a compression stream that can move: output the platform holds for the caller; else null. */
    private final HeldOutput held;
    /** For a decompression stream: what it keeps to resume on another engine; else null. */
    private final DecompressionResume resume;
    /** For a compression stream that can move: compress-and-verify of its output; else null. */
    private final StreamVerification verification;
    /** Why the stream could not move when it last tried, or null. */
    private String cannotMove;
    /** The request in flight (one at a time). */
    private EngineRequest current;
    /** Its input's size (taken here: a move before dispatch comes before the request takes it). */
    private long currentSize;
    /** The caller's buffers while a job of the request in flight uses the platform's; else null. */
    private SgList callerSource;
    private SgList callerDestination;
    /** The job in flight replays a decompression stream's kept input. */
    private boolean replayJob;
    /** The caller's output buffers as a replay job writing new output sees them (its own position marks). */
    private final SgList leftoverSpace = SgList.allocate(1);
    /** The request in flight ran replay jobs: its counts are the caller's buffers' at its end. */
    private boolean replayedInRequest;

    StreamSessionImpl(Engine engine, Consumer consumer, Operation operation, SessionSpec spec) {
        super(engine, consumer, spec);
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "stream operation is required");
        }
        this.operation = operation;
        this.checkpoint = operation == Operation.COMPRESS && CompressionCheckpoint.serves(spec().algorithm())
                ? new CompressionCheckpoint(spec().algorithm(), spec().frame()) : null;
        this.held = checkpoint != null ? new HeldOutput() : null;
        this.verification = checkpoint != null ? new StreamVerification(engine) : null;
        this.resume = operation == Operation.DECOMPRESS
                ? new DecompressionResume(engine().settings().streamResumeInputLimit(), engine().keptInput()) : null;
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
        current = r;
        currentSize = r.source().remaining();
        replayedInRequest = false;
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
        } else if (b != null && engine().quarantine().outOfService(b)) {
            // Quarantined (a wrong output caught on it, say): it serves nothing until the probe; if
            // the stream cannot move, it waits as before.
            move("every device of driver " + b.name() + " holding this stream's state is out of service");
        }
        if (refusal != null) {
            busy.set(false);
            throw new WdException(status, refusal);
        }
        if (checkpoint != null) {
            checkpoint.beforeRequest(r.source());
        }
        if (resume != null) {
            resume.beforeRequest(r.source(), r.destination());
        }
    }

    /**
     * Moves the stream to a fresh state on whichever engine serves its next request, if it is a
     * compression stream whose output ends at a flush point. True when it moved.
     */
    @Override
    public boolean move(String why) {
        if (resume != null) {
            return moveDecompression(why);
        }
        if (checkpoint == null || finished || broken || !checkpoint.atFlushPoint()) {
            return false;
        }
        if (!endFrame()) {
            return false;
        }
        DriverBinding from = binding;
        restoreCallerBuffers(current);
        releaseState();
        if (checkpoint.delivered() > 0 && !FrameEnd.serves(spec().algorithm())) {
            raw = true; // the header is out: the next engine continues the deflate data
        }
        engine().log().info(this + " moves to another engine after " + checkpoint.delivered() + " bytes of output ("
                + (from == null ? "" : "from driver " + from.name() + ": ") + why + ")");
        return true;
    }

    /**
     * zstd, LZ4: the platform ends the frame the old engine began; the end goes out before the next
     * engine's output, which is held behind it. False when the request in flight's output could be
     * too large to hold.
     */
    private boolean endFrame() {
        if (!checkpoint.frameOpen()) {
            return true;
        }
        if (current != null && HeldOutput.needed(engineAlgorithm().compressBound(currentSize), 0) == 0) {
            cannotMove = "the platform ends the old engine's " + spec().algorithm().uadkName() + " frame in front of"
                    + " the next engine's output, which it holds up to " + (HeldOutput.LIMIT >> 20) + " MiB, and this"
                    + " request's output may be more";
            return false;
        }
        held.append(checkpoint.endFrame(), false);
        return true;
    }

    /**
     * A decompression stream starts on a fresh state of the next engine from its last resume
     * point ({@link DecompressionResume}); the request in flight gets its own buffers back.
     */
    private boolean moveDecompression(String why) {
        if (broken) {
            return false;
        }
        cannotMove = resume.startReplay();
        if (cannotMove != null) {
            return false;
        }
        DriverBinding from = binding;
        restoreCallerBuffers(current);
        releaseState();
        engine().log().info(this + " resumes on another engine from its last resume point ("
                + (from == null ? "" : "driver " + from.name() + ": ") + why + ")");
        return true;
    }

    private String whyNotMovable() {
        if (resume != null) {
            return "a decompression stream cannot continue on another engine: "
                    + (cannotMove != null ? cannotMove : "it broke earlier") + "; start it again from the beginning";
        }
        if (checkpoint == null) {
            return "a " + spec().algorithm().uadkName() + " stream cannot continue on another engine";
        }
        if (cannotMove != null) {
            return "the stream cannot continue: " + cannotMove;
        }
        return "the stream cannot continue: output was still pending inside that engine (a request was given less"
                + " output space than its compressed size may take, and " + (engine().settings().streamHoldOutput()
                        ? "its output may be more than the " + (HeldOutput.LIMIT >> 20) + " MiB the platform holds"
                        : "stream.hold.output is off") + ")";
    }

    /**
     * Requests of a stream that can move end at a flush point: NONE is sent as SYNC. A replay job
     * is no end: NONE.
     */
    @Override
    public Flush engineFlush(Flush flush) {
        if (replayJob) {
            return Flush.NONE;
        }
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
                byte[] window = checkpoint.dictionary();
                ByteBuffer dictionary = q.binding().driver().info().presetDictionary() ? ByteBuffer.wrap(window) : null;
                state = q.binding().driver().openStream(Algorithm.DEFLATE, operation, spec().level(), spec().window(),
                        dictionary);
                verification.startOn(q, Algorithm.DEFLATE, window);
            } else {
                ByteBuffer preset = dictionary;
                boolean primed = preset != null && q.binding().driver().info().presetDictionary();
                state = primed
                        ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(), preset)
                        : spec().frame().isDefault()
                                ? q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window())
                                : q.binding().driver().openStream(spec().algorithm(), operation, spec().level(), spec().window(),
                                        null, spec().frame());
                if (verification != null) {
                    verification.startOn(q, spec().algorithm(), primed ? StreamVerifier.bytesOf(preset) : null);
                }
            }
            binding = q.binding();
        }
        if (callerSource != null) {
            return; // the job's buffers are set (a pick before this one was refused)
        }
        if (resume != null && resume.phase() != DecompressionResume.Phase.NONE) {
            startReplayJob(current);
        } else if (held != null && (engine().settings().streamHoldOutput() || held.holds())) {
            // Output the platform holds here (the end of a moved stream's old frame) goes first:
            // the engine writes behind it.
            long need = HeldOutput.needed(engineAlgorithm().compressBound(current.size()), held.holds() ? 0
                    : current.destination().remaining());
            if (need > 0) {
                // The caller's space may not take the output: the engine writes into the platform's, so
                // that nothing of it stays inside the engine (the stream can move after this request).
                callerSource = current.source();
                callerDestination = current.destination();
                current.engineBuffers(callerSource, held.engineSpace(need));
            }
        }
    }

    @Override
    public String wrongStreamOutput(EngineRequest r, long consumed, boolean endOfStream) {
        return verification == null ? null : verification.wrongOutput(r, consumed, endOfStream, this);
    }

    /** The stream's verifier on its current engine, or null (tests). */
    StreamVerifier verifier() {
        return verification == null ? null : verification.verifier();
    }

    /** Releases the verifier's inflater: the stream closes, resets, moves or broke. */
    private void endVerification() {
        if (verification != null) {
            verification.end();
        }
    }

    /** The request's next job replays kept input: into scratch space, or new output into the caller's. */
    private void startReplayJob(EngineRequest r) {
        callerSource = r.source();
        callerDestination = r.destination();
        replayJob = true;
        replayedInRequest = true;
        if (resume.phase() == DecompressionResume.Phase.DISCARD) {
            r.engineBuffers(resume.replaySource(), resume.discardSpace());
        } else {
            leftoverSpace.clear();
            for (int i = 0; i < callerDestination.size(); i++) {
                leftoverSpace.add(callerDestination.get(i));
            }
            leftoverSpace.markPositions();
            r.engineBuffers(resume.replaySource(), leftoverSpace);
        }
    }

    private void restoreCallerBuffers(EngineRequest r) {
        if (callerSource != null && r != null) {
            r.engineBuffers(callerSource, callerDestination);
        }
        callerSource = null;
        callerDestination = null;
        replayJob = false;
        leftoverSpace.clear(); // refers to the caller's buffers no longer
    }

    /**
     * A job succeeded: a replay job is followed by the next replay job or by the caller's own; a
     * request whose jobs replayed reports what its caller's buffers show.
     */
    @Override
    public boolean continuesAfter(EngineRequest r) {
        if (checkpoint != null) {
            compressionJobDone(r);
            return false;
        }
        if (callerSource == null) {
            if (replayedInRequest) {
                r.resumed(r.source().advancedSinceMark(), r.destination().advancedSinceMark(), r.endOfStream());
            }
            return false;
        }
        String cannot;
        if (resume.phase() == DecompressionResume.Phase.DISCARD) {
            cannot = resume.discarded(r.consumed(), r.produced(), r.endOfStream());
        } else {
            cannot = resume.replayedLeftover(r.consumed(), r.produced(), r.endOfStream(),
                    leftoverSpace.hasRemaining());
        }
        SgList dst = callerDestination;
        restoreCallerBuffers(r);
        if (cannot != null) {
            r.failed(new WdException(WdStatus.DEVICE_ERROR, "the stream cannot resume on another engine: " + cannot),
                    null);
            return false;
        }
        if (r.endOfStream() || !dst.hasRemaining()) {
            // New output filled the caller's space, or the stream ended inside the kept input.
            r.resumed(0, dst.advancedSinceMark(), r.endOfStream());
            return false;
        }
        if (resume.phase() != DecompressionResume.Phase.NONE) {
            startReplayJob(r);
        }
        return true;
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
        if (stream == 0 || (replayJob && resume.phase() == DecompressionResume.Phase.DISCARD)) {
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
        restoreCallerBuffers(r);
        current = null;
        if (r.error() == null) {
            if (resume != null && !r.servedByPlatform()) {
                resume.succeeded(r.source(), r.destination(), r.produced(), r.endOfStream());
            }
            produced += r.produced();
            finished = r.endOfStream();
        } else {
            broken = true;
            endVerification();
            if (resume != null) {
                resume.cancelReplay();
                resume.release(); // a broken stream keeps nothing until it is reset
                if (replayedInRequest) {
                    // Nothing of a failed request is delivered, the replayed output included.
                    r.source().resetPositions();
                    r.destination().resetPositions();
                }
            }
            if (cannotMove != null && r.status().isQueueFailure()) {
                r.failed(new WdException(r.status(), r.error().getMessage() + "; " + whyNotMovable()), null);
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
            releaseKeptInput();
        }
    }

    /**
     * A compression job succeeded: the checkpoint takes it (the engine's output, held or not, ends
     * at a flush point when the engine had room left); what the platform holds, a moved stream's
     * trailer included, goes to the caller's space as far as it takes, the rest at the next
     * requests. The request reports what the caller got; its end of stream, once all of it is out.
     */
    private void compressionJobDone(EngineRequest r) {
        boolean eos = r.endOfStream();
        checkpoint.succeeded(r.source(), r.consumed(), r.size(), r.produced(), r.destination().hasRemaining(), eos);
        boolean intoHeld = callerSource != null;
        long toCaller = intoHeld ? 0 : r.produced();
        restoreCallerBuffers(r);
        held.engineDone(eos);
        if (raw && eos) {
            held.append(checkpoint.trailer(), true);
        }
        if (intoHeld || held.holds()) {
            toCaller += held.deliverTo(r.destination());
            r.resumed(r.consumed(), toCaller, eos && !held.holds());
        }
    }

    /** Output the platform holds for the caller is written without an engine, before any new input. */
    @Override
    public boolean serveWithoutEngine(EngineRequest r) {
        if (held == null || !held.holds()) {
            return false;
        }
        r.markServedByPlatform();
        long n = held.deliverTo(r.destination());
        r.appended(n, held.deliveredEnd());
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
            if (held != null) {
                held.clear();
            }
            cannotMove = null;
            if (checkpoint != null) {
                checkpoint.reset();
            }
            if (resume != null) {
                resume.reset();
            }
        } finally {
            busy.set(false);
        }
    }

    @Override
    void onClose() {
        if (!busy.get()) {
            releaseState();
            releaseKeptInput();
        }
    }

    private void releaseKeptInput() {
        if (resume != null) {
            resume.release();
        }
    }

    private synchronized void releaseState() {
        StreamState s = state;
        state = null;
        binding = null;
        endVerification();
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                engine().log().warn("closing the state of " + this + " failed: " + e);
            }
        }
    }
}
