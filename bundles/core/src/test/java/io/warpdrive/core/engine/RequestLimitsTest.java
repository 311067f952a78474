package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Output limits (the decompression-bomb guard) per request and per stream, from the platform
 * and the session.
 */
class RequestLimitsTest {
    private static final long MIB = 1 << 20;

    private static TestPlatform platform(long requestLimit, long streamLimit) {
        Settings.Builder b = new Settings.Builder();
        b.outputLimit = requestLimit;
        b.streamOutputLimit = streamLimit;
        return new TestPlatform(b.build());
    }

    @Test
    void aSessionLowersThePlatformsPerRequestLimitButCannotRaiseIt() throws Exception {
        try (TestPlatform p = platform(8 * MIB, 0)) {
            FakeDriver d = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = p.compressor("c");
            Session plain = c.openSession(SessionSpec.of(Algorithm.GZIP));
            plain.compress(ByteBuffer.allocate(10), ByteBuffer.allocate(100));
            assertEquals(8 * MIB, d.lastOutputLimit);
            Session low = c.openSession(SessionSpec.of(Algorithm.GZIP).withOutputLimit(1000));
            low.compress(ByteBuffer.allocate(10), ByteBuffer.allocate(100));
            assertEquals(1000, d.lastOutputLimit);
            Session high = c.openSession(SessionSpec.of(Algorithm.GZIP).withOutputLimit(64 * MIB));
            high.compress(ByteBuffer.allocate(10), ByteBuffer.allocate(100));
            assertEquals(8 * MIB, d.lastOutputLimit, "the platform's limit is the ceiling");
            WdException e = assertThrows(WdException.class,
                    () -> low.decompress(ByteBuffer.allocate(2000), ByteBuffer.allocate(4000)));
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
        }
    }

    @Test
    void theArrayHelperGrowsUpToTheSessionsLimitAndNoFurther() throws Exception {
        try (TestPlatform p = platform(8 * MIB, 0)) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.GZIP).withOutputLimit(100_000));
            assertEquals(90_000, s.decompress(new byte[90_000]).length);
            WdException e = assertThrows(WdException.class, () -> s.decompress(new byte[100_001]));
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
            assertTrue(e.getMessage().contains("output limit of 100000 bytes"), e.getMessage());
        }
    }

    @Test
    void aStreamsLimitCountsItsWholeOutputAndBreaksTheStreamWhenExceeded() throws Exception {
        try (TestPlatform p = platform(8 * MIB, 0)) {
            FakeDriver d = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession st = p.compressor("c").openStream(Operation.DECOMPRESS,
                    SessionSpec.of(Algorithm.GZIP).withOutputLimit(2500));
            Request r = st.newRequest().flush(Flush.NONE);
            for (int i = 0; i < 2; i++) {
                st.execute(r.source(ByteBuffer.allocate(1000)).destination(ByteBuffer.allocate(4000)));
                assertEquals(1000, r.produced());
            }
            assertEquals(1500, d.lastOutputLimit, "the second request had what was left of the stream's limit");
            WdException e = assertThrows(WdException.class,
                    () -> st.execute(r.source(ByteBuffer.allocate(1000)).destination(ByteBuffer.allocate(4000))));
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
            assertEquals(500, d.lastOutputLimit);
            assertTrue(e.getMessage().contains("limit of 2500 bytes, 2000 written so far"),
                    "the stream's limit, not what was left of it: " + e.getMessage());
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class,
                    () -> st.execute(r.source(ByteBuffer.allocate(1)).destination(ByteBuffer.allocate(10)))).status(),
                    "a stream that exceeded its limit is broken");
            st.reset();
            st.execute(r.source(ByteBuffer.allocate(2500)).destination(ByteBuffer.allocate(4000)));
            assertEquals(2500, r.produced(), "reset starts the count again");
        }
    }

    @Test
    void thePlatformsStreamLimitAppliesToEveryStreamAndASessionMayLowerIt() throws Exception {
        try (TestPlatform p = platform(8 * MIB, 3000)) {
            FakeDriver d = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            CompressorImpl c = p.compressor("c");
            StreamSession plain = c.openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.ZLIB));
            plain.process(ByteBuffer.allocate(1000), ByteBuffer.allocate(4000), Flush.NONE);
            assertEquals(3000, d.lastOutputLimit);
            plain.process(ByteBuffer.allocate(1000), ByteBuffer.allocate(4000), Flush.NONE);
            assertEquals(2000, d.lastOutputLimit, "3000 less the 1000 already produced");
            StreamSession lower = c.openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.ZLIB).withOutputLimit(1200));
            lower.process(ByteBuffer.allocate(1000), ByteBuffer.allocate(4000), Flush.NONE);
            assertEquals(1200, d.lastOutputLimit);
            StreamSession higher = c.openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.ZLIB).withOutputLimit(9000));
            higher.process(ByteBuffer.allocate(1000), ByteBuffer.allocate(4000), Flush.NONE);
            assertEquals(3000, d.lastOutputLimit, "the platform's stream limit is the ceiling");
        }
    }
}
