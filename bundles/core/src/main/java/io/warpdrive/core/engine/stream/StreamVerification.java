package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;

/**
 * Compress-and-verify of one deflate-family compression stream: whether the stream is verified on
 * its current engine (drawn from the driver's share each time it starts on an engine), and then
 * its {@link StreamVerifier}, whose inflater is ended as soon as the stream leaves that engine,
 * closes, resets or breaks. Streams outside the share hold no inflater.
 *
 * <p>One request of a stream at a time: the stream's request discipline is this object's lock.
 */
final class StreamVerification {
    private final Engine engine;
    private StreamVerifier verifier;

    StreamVerification(Engine engine) {
        this.engine = engine;
    }

    /**
     * The stream starts on {@code q}'s engine, which writes {@code algorithm} from {@code history}
     * (a moved stream's last window, a preset dictionary, or null): verified there if sampled
     * and of the deflate family (zstd and LZ4 streams are not verified: docs/reliability.md).
     */
    void startOn(EngineQueue q, Algorithm algorithm, byte[] history) {
        end();
        if (algorithm.isDeflateFamily() && engine.verification().samplesStream(q)) {
            verifier = new StreamVerifier(algorithm, history);
        }
    }

    /** What is wrong with the output of the job that just succeeded, or null (also when not verified). */
    String wrongOutput(EngineRequest r, long consumed, boolean endOfStream, Object stream) {
        StreamVerifier v = verifier;
        if (v == null) {
            return null;
        }
        boolean flushPoint = CompressionCheckpoint.endsAtFlushPoint(consumed, r.size(), r.destination().hasRemaining(),
                endOfStream);
        String wrong = v.mismatch(r.source(), consumed, r.destination(), flushPoint, endOfStream);
        if (v.gaveUp()) {
            engine.log().debug(stream + " is verified no further: a request's output did not end at a flush point");
            end();
        }
        return wrong;
    }

    /** Releases the verifier's inflater, if any. */
    void end() {
        StreamVerifier v = verifier;
        verifier = null;
        if (v != null) {
            v.end();
        }
    }

    /** The verifier on the stream's current engine, or null. */
    StreamVerifier verifier() {
        return verifier;
    }
}
