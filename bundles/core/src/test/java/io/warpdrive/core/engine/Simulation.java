package io.warpdrive.core.engine;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.core.model.NanoClock;
import io.warpdrive.testing.kit.SimulatedTime;
import java.nio.ByteBuffer;

/**
 * The test kit's simulated time as the engine's clock: the engine stamps jobs with it and its
 * models learn from it, while timed fake engines complete jobs as its events.
 */
final class Simulation extends SimulatedTime implements NanoClock {

    /** Runs {@code n} sync compressions of {@code size} bytes through {@code s}, one after the other. */
    static void syncCompressions(Session s, int size, int n) {
        ByteBuffer src = ByteBuffer.allocate(size);
        ByteBuffer dst = ByteBuffer.allocate(size);
        Request r = s.newRequest().operation(Operation.COMPRESS);
        for (int i = 0; i < n; i++) {
            src.clear();
            dst.clear();
            s.execute(r.source(src).destination(dst));
        }
    }
}
