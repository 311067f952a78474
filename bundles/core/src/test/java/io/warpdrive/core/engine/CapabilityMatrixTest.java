package io.warpdrive.core.engine;

import io.warpdrive.testing.kit.FakeDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Capability;
import io.warpdrive.lib.DriverInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps to each driver's capability matrix: a hardware driver that compresses zstd
 * statelessly but neither decompresses it nor serves zstd streams never gets those requests;
 * under AUTO they go to the CPU, under HARDWARE_ONLY they fail at once with UNSUPPORTED.
 */
class CapabilityMatrixTest {
    private static final byte[] DATA = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    /** Deflate family in full; zstd stateless compression only, 128 KiB per device request. */
    private static List<Capability> compressOnlyZstd() {
        List<Capability> rows = new ArrayList<>(DriverInfo.fullMatrix(EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB,
                Algorithm.GZIP)));
        rows.add(new Capability(Algorithm.ZSTD, Operation.COMPRESS, true, false, 128 << 10));
        return rows;
    }

    private static FakeDriver hardware(TestPlatform p) {
        FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
        hw.capabilities = compressOnlyZstd();
        return p.add(hw);
    }

    private static Request run(Session s, Operation op) {
        Request r = s.newRequest().operation(op).source(ByteBuffer.wrap(DATA)).destination(ByteBuffer.allocate(200));
        s.execute(r);
        return r;
    }

    @Test
    void theMatrixDefaultsToEveryAlgorithmBothWaysForOlderDrivers() {
        DriverInfo old = new DriverInfo("d", CalcType.SOFT, 0, Set.of(Algorithm.GZIP), Set.of(), false, false);
        assertTrue(old.serves(Algorithm.GZIP, Operation.DECOMPRESS, true));
        assertTrue(old.serves(Algorithm.GZIP, Operation.COMPRESS, false));
        assertEquals(false, old.serves(Algorithm.ZSTD, Operation.COMPRESS, false));
        assertEquals(old.capabilities(), old.withPriority(5).capabilities());
    }

    @Test
    void underAutoWhatTheHardwareCannotServeGoesToTheCpu() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            hardware(p);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.ZSTD));
            assertEquals("hw", run(s, Operation.COMPRESS).servedBy(), "stateless zstd compression: the device");
            for (int i = 0; i < 20; i++) {
                assertEquals("soft", run(s, Operation.DECOMPRESS).servedBy(), "zstd decompression: never the device");
            }
            try (StreamSession st = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.ZSTD))) {
                Request r = st.newRequest().source(ByteBuffer.wrap(DATA)).destination(ByteBuffer.allocate(200))
                        .flush(io.warpdrive.comp.Flush.FINISH);
                st.execute(r);
                assertEquals("soft", r.servedBy(), "a zstd stream: not in the hardware's matrix");
            }
        }
    }

    @Test
    void hardwareOnlyGetsUnsupportedAtOnce() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            hardware(p);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            Session s = p.compressor("c").openSession(SessionSpec.of(Algorithm.ZSTD)
                    .withFallback(FallbackPolicy.HARDWARE_ONLY));
            assertEquals("hw", run(s, Operation.COMPRESS).servedBy());
            WdException e = assertThrows(WdException.class, () -> run(s, Operation.DECOMPRESS));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e::getMessage);
            assertTrue(e.getMessage().contains("zstd decompress"), e::getMessage);
        }
    }
}
