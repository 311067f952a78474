package io.warpdrive.core.engine.health;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.session.AbstractSession;
import io.warpdrive.lib.OutputDecoder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compress-and-verify: a configured share of each hardware driver's compressions is decompressed
 * on the CPU and compared with its input before the result is delivered. Stateless gzip, zlib and
 * raw deflate compressions are decompressed with java.util.zip; stateless zstd and LZ4 ones with
 * the CPU library of another driver present that offers it ({@link OutputDecoder}: the zstd-lz4
 * driver's zstd-jni and lz4-java), so the core depends on neither library. A sampled gzip, zlib or
 * raw deflate compression stream is verified request by request with its own inflate state (the
 * session's stream verifier); zstd and LZ4 streams are not. A wrong output quarantines its device
 * and is never delivered: the caller re-serves the request elsewhere, and a stream moves to another
 * engine from its last checkpoint.
 *
 * <p>Why a CPU library on the completing thread and not a request to another engine's queue: the
 * check runs before the result is delivered, on the thread that completed the job (a driver's
 * worker or the poller). Waiting there for another queue would hold up the completions that thread
 * serves, could wait on itself, and would count as traffic that the scheduling learns from. A
 * decompression in place is bounded, and independent of the device's own code.
 */
public final class Verification {
    private final Engine engine;
    private final Quarantine quarantine;
    private volatile VerifyShares shares = VerifyShares.defaults();
    /** Wrong outputs caught in requests of compression streams (the soak's figures). */
    private final LongAdder streamWrongOutputs = new LongAdder();

    public Verification(Engine engine, Quarantine quarantine) {
        this.engine = engine;
        this.quarantine = quarantine;
    }

    public void shares(VerifyShares value) {
        shares = value;
    }

    /**
     * Checks the compression {@code q} just completed, if it is one verification covers: a
     * stateless one in its driver's share, or a request of a stream sampled when it started on this
     * engine ({@link #samplesStream}); a wrong output quarantines the device.
     *
     * @return null when the output may be delivered, else why not
     */
    public String rejects(EngineQueue q, EngineRequest r, AbstractSession session, long consumed, long produced,
            boolean endOfStream) {
        if (!q.isHardware() || r.operation() != Operation.COMPRESS) {
            return null;
        }
        Algorithm a = session.engineAlgorithm();
        if (session.isStream()) {
            String wrong = session.wrongStreamOutput(r, consumed, endOfStream);
            if (wrong != null) {
                streamWrongOutputs.increment();
            }
            return rejected(q, a.uadkName() + " stream", consumed, wrong);
        }
        if (!sampled(q.driver())) {
            return null;
        }
        String wrong;
        if (OutputCheck.checks(a)) {
            wrong = OutputCheck.current().mismatch(a, r.source(), consumed, r.destination(), produced);
        } else {
            OutputDecoder decoder = decoderFor(a, q);
            if (decoder == null) {
                return null; // no driver present reads it: delivered unchecked
            }
            wrong = OutputCheck.current().mismatch(a, decoder, r.source(), consumed, r.destination(), produced);
        }
        return rejected(q, a.uadkName(), consumed, wrong);
    }

    /**
     * Whether a compression stream starting on {@code q}'s engine (at its first request, or after
     * it moved) is verified: it is on hardware, and falls in its driver's share. The choice holds
     * for the stream's life on that engine: its inflate state must see all of that engine's output.
     */
    public boolean samplesStream(EngineQueue q) {
        return q.isHardware() && sampled(q.driver());
    }

    /** Wrong outputs caught in requests of compression streams since the engine started. */
    public long streamWrongOutputs() {
        return streamWrongOutputs.sum();
    }

    private boolean sampled(String driver) {
        double percent = shares.percentFor(driver);
        return percent > 0 && (percent >= 100 || ThreadLocalRandom.current().nextDouble() * 100 < percent);
    }

    private String rejected(EngineQueue q, String what, long consumed, String wrong) {
        if (wrong == null) {
            return null;
        }
        String why = what + " compression of " + consumed + " bytes was wrong: " + wrong;
        quarantine.outputMismatch(q, why);
        return why;
    }

    /**
     * A driver other than {@code q}'s with a queue open that decodes {@code a}, or null. Read from
     * the published view of the open queues: no lock, nothing allocated.
     */
    private OutputDecoder decoderFor(Algorithm a, EngineQueue q) {
        for (EngineQueue other : engine.views().view().asArray()) {
            DriverBinding b = other.binding();
            if (b != q.binding() && !b.isRemoved() && b.driver() instanceof OutputDecoder d && d.decodes(a)) {
                return d;
            }
        }
        return null;
    }
}
