package io.warpdrive.core.engine.health;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.session.AbstractSession;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Compress-and-verify: a configured share of each hardware driver's compressions is decompressed
 * on the CPU and compared with its input before the result is delivered. Stateless gzip, zlib and
 * raw deflate compressions are verified; streams, zstd and LZ4 are not (yet). A wrong output
 * quarantines its device and is never delivered: the caller re-serves the request elsewhere.
 */
public final class Verification {
    private final Quarantine quarantine;
    private volatile VerifyShares shares = VerifyShares.defaults();

    public Verification(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    public void shares(VerifyShares value) {
        shares = value;
    }

    /**
     * Checks the compression {@code q} just completed, if it is one verification covers and falls
     * in its driver's share; a wrong output quarantines the device.
     *
     * @return null when the output may be delivered, else why not
     */
    public String rejects(EngineQueue q, Request r, AbstractSession session, long consumed, long produced) {
        if (!q.isHardware() || r.operation() != Operation.COMPRESS || session.isStream()) {
            return null;
        }
        Algorithm a = session.engineAlgorithm();
        if (!OutputCheck.checks(a)) {
            return null;
        }
        double percent = shares.percentFor(q.driver());
        if (percent <= 0 || percent < 100 && ThreadLocalRandom.current().nextDouble() * 100 >= percent) {
            return null;
        }
        String wrong = OutputCheck.current().mismatch(a, r.source(), consumed, r.destination(), produced);
        if (wrong == null) {
            return null;
        }
        String what = a.uadkName() + " compression of " + consumed + " bytes was wrong: " + wrong;
        quarantine.outputMismatch(q, what);
        return what;
    }
}
