package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;

/**
 * A compression stream that can move: its requests end at a flush point, its last window and
 * checksum are kept ({@link CompressionCheckpoint}), output its caller's space may not take is held
 * by the platform ({@link HeldOutput}), and a sampled stream's output is verified
 * ({@link StreamVerification}).
 */
final class CompressionContinuity extends StreamContinuity {
    private final CompressionCheckpoint checkpoint;
    /** Output the platform holds for the caller. */
    private final HeldOutput held = new HeldOutput();
    private final StreamVerification verification;
    /** The stream moved after output was delivered: engines continue it as raw deflate, the platform frames it. */
    private volatile boolean raw;
    /** The input size of the request in flight (taken here: a move before dispatch comes before the request takes it). */
    private long currentSize;

    CompressionContinuity(Engine engine, SessionSpec spec) {
        super(engine, spec);
        this.checkpoint = new CompressionCheckpoint(spec.algorithm(), spec.frame());
        this.verification = new StreamVerification(engine);
    }

    @Override
    public void arrives(EngineRequest r) {
        super.arrives(r);
        currentSize = r.source().remaining();
    }

    @Override
    public void accepted(EngineRequest r) {
        checkpoint.beforeRequest(r.source());
    }

    /** Moves only a stream whose output ends at a flush point. */
    @Override
    public boolean leaveEngine(boolean finished) {
        if (finished || !checkpoint.atFlushPoint() || !endFrame()) {
            return false;
        }
        restoreCallerBuffers(current);
        if (checkpoint.delivered() > 0 && !FrameEnd.serves(spec.algorithm())) {
            raw = true; // the header is out: the next engine continues the deflate data
        }
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
            cannotMove = "the platform ends the old engine's " + spec.algorithm().uadkName() + " frame in front of"
                    + " the next engine's output, which it holds up to " + (HeldOutput.LIMIT >> 20) + " MiB, and this"
                    + " request's output may be more";
            return false;
        }
        held.append(checkpoint.endFrame(), false);
        return true;
    }

    @Override
    public String moveNote(DriverBinding from, String why) {
        return " moves to another engine after " + checkpoint.delivered() + " bytes of output ("
                + (from == null ? "" : "from driver " + from.name() + ": ") + why + ")";
    }

    @Override
    public String whyNotMovable() {
        if (cannotMove != null) {
            return "the stream cannot continue: " + cannotMove;
        }
        return "the stream cannot continue: output was still pending inside that engine (a request was given less"
                + " output space than its compressed size may take, and " + (engine.settings().streamHoldOutput()
                        ? "its output may be more than the " + (HeldOutput.LIMIT >> 20) + " MiB the platform holds"
                        : "stream.hold.output is off") + ")";
    }

    /** Requests end at a flush point: NONE is sent as SYNC. */
    @Override
    public Flush engineFlush(Flush flush) {
        return flush == Flush.NONE ? Flush.SYNC : flush;
    }

    @Override
    public Algorithm engineAlgorithm() {
        return raw ? Algorithm.DEFLATE : spec.algorithm();
    }

    /**
     * Continued as raw deflate; primed with the last window of input where the driver takes it (the
     * output is valid either way: a dictionary only lets the first blocks refer back).
     */
    @Override
    public StreamState openMoved(EngineQueue q) {
        if (!raw) {
            return null;
        }
        byte[] window = checkpoint.dictionary();
        ByteBuffer dictionary = q.binding().driver().info().presetDictionary() ? ByteBuffer.wrap(window) : null;
        StreamState state = q.binding().driver().openStream(Algorithm.DEFLATE, Operation.COMPRESS, spec.level(),
                spec.window(), dictionary);
        verification.startOn(q, Algorithm.DEFLATE, window);
        return state;
    }

    @Override
    public void startedOn(EngineQueue q, ByteBuffer preset) {
        verification.startOn(q, spec.algorithm(), preset != null ? StreamVerifier.bytesOf(preset) : null);
    }

    /**
     * Output the platform holds here (the end of a moved stream's old frame) goes first: the engine
     * writes behind it.
     */
    @Override
    public void beforeSend(EngineQueue q) {
        if (callerSource != null) {
            return; // the job's buffers are set (a pick before this one was refused)
        }
        if (engine.settings().streamHoldOutput() || held.holds()) {
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
    public String wrongOutput(EngineRequest r, long consumed, boolean endOfStream, Object stream) {
        return verification.wrongOutput(r, consumed, endOfStream, stream);
    }

    /**
     * A compression job succeeded: the checkpoint takes it (the engine's output, held or not, ends
     * at a flush point when the engine had room left); what the platform holds, a moved stream's
     * trailer included, goes to the caller's space as far as it takes, the rest at the next
     * requests. The request reports what the caller got; its end of stream, once all of it is out.
     */
    @Override
    public boolean continuesAfter(EngineRequest r) {
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
        return false;
    }

    /** Output the platform holds for the caller is written without an engine, before any new input. */
    @Override
    public boolean serveWithoutEngine(EngineRequest r) {
        if (!held.holds()) {
            return false;
        }
        r.markServedByPlatform();
        long n = held.deliverTo(r.destination());
        r.appended(n, held.deliveredEnd());
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        raw = false;
        held.clear();
        checkpoint.reset();
    }

    @Override
    public void endVerification() {
        verification.end();
    }

    @Override
    StreamVerifier verifier() {
        return verification.verifier();
    }
}
