package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A level is a promise about the ratio: under AUTO a compression whose level the preferred
 * driver does not honour goes to a driver that does, unless the engine accepts the nearest
 * level; a pinned driver, other fallbacks and decompression are not routed.
 */
class LevelFilterTest {
    private static final byte[] DATA = "a level is a promise about the ratio ".repeat(50).getBytes();

    private static long served(TestPlatform p, String driver) {
        for (DriverUsage d : p.usage().drivers()) {
            if (d.driver().equals(driver)) {
                return d.requests();
            }
        }
        return 0;
    }

    private static void compress(Compressor c, SessionSpec spec) {
        try (Session s = c.openSession(spec)) {
            s.compress(DATA);
        }
    }

    /** A driver whose best compresses about as well as zlib level 2 (as igzip's). */
    private static FakeDriver fast() {
        FakeDriver fast = new FakeDriver("fast", CalcType.INSTR, 50);
        fast.ratioCeiling = 2;
        return fast;
    }

    private static TestPlatform fastAndZlib() {
        TestPlatform p = new TestPlatform();
        p.add(fast());
        p.add(new FakeDriver("zlib", CalcType.SOFT, 0));
        return p;
    }

    @Test
    void aLevelTheFastDriverCannotHonourGoesToOneThatCan() throws Exception {
        try (TestPlatform p = fastAndZlib()) {
            Compressor c = p.compressorFor("consumer");
            compress(c, SessionSpec.of(Algorithm.GZIP).withLevel(9));
            TestPlatform.await("served by zlib", () -> served(p, "zlib") == 1);
            compress(c, SessionSpec.of(Algorithm.GZIP).withLevel(2));
            TestPlatform.await("served by the fast driver", () -> served(p, "fast") == 1);
            assertEquals(1, served(p, "zlib"));
        }
    }

    @Test
    void theEngineMayAcceptTheNearestLevel() throws Exception {
        try (TestPlatform p = fastAndZlib()) {
            p.engine.modified(Map.of("level.accept.nearest", "true"));
            compress(p.compressorFor("consumer"), SessionSpec.of(Algorithm.GZIP).withLevel(9));
            TestPlatform.await("served by the fast driver", () -> served(p, "fast") == 1);
            assertEquals(0, served(p, "zlib"));
        }
    }

    @Test
    void withNoDriverHonouringTheLevelTheNearestServes() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(fast());
            compress(p.compressorFor("consumer"), SessionSpec.of(Algorithm.GZIP).withLevel(9));
            TestPlatform.await("served by the fast driver", () -> served(p, "fast") == 1);
        }
    }

    @Test
    void pinnedDriversOtherFallbacksAndDecompressionAreNotRouted() throws Exception {
        try (TestPlatform p = fastAndZlib()) {
            Compressor c = p.compressorFor("consumer");
            compress(c, SessionSpec.of(Algorithm.GZIP).withLevel(9).withDriver("fast"));
            TestPlatform.await("pinned: the fast driver", () -> served(p, "fast") == 1);
            compress(c, SessionSpec.of(Algorithm.GZIP).withLevel(9).withFallback(FallbackPolicy.SOFTWARE_ONLY));
            TestPlatform.await("SOFTWARE_ONLY is not routed", () -> served(p, "fast") == 2);
            assertEquals(0, served(p, "zlib"));
        }
    }
}
