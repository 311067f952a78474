package io.warpdrive.comp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.core.model.RequestClass;
import org.junit.jupiter.api.Test;

/** Each algorithm's own levels, defaults and compress bound, and how a session spec keeps to them. */
class AlgorithmLevelsTest {

    @Test
    void eachAlgorithmHasItsOwnLevels() {
        for (Algorithm a : new Algorithm[] {Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP}) {
            assertTrue(a.isDeflateFamily());
            assertEquals(6, a.defaultLevel());
            assertFalse(a.isLevel(0));
            assertTrue(a.isLevel(1) && a.isLevel(9));
            assertFalse(a.isLevel(10));
        }
        assertFalse(Algorithm.ZSTD.isDeflateFamily());
        assertEquals(3, Algorithm.ZSTD.defaultLevel());
        assertTrue(Algorithm.ZSTD.isLevel(-131072) && Algorithm.ZSTD.isLevel(-1) && Algorithm.ZSTD.isLevel(22));
        assertFalse(Algorithm.ZSTD.isLevel(0), "zstd's 0 means its default, not a level");
        assertFalse(Algorithm.ZSTD.isLevel(23) || Algorithm.ZSTD.isLevel(-131073));
        assertEquals(1, Algorithm.LZ4.defaultLevel());
        assertTrue(Algorithm.LZ4.isLevel(1) && Algorithm.LZ4.isLevel(12));
        assertFalse(Algorithm.LZ4.isLevel(13) || Algorithm.LZ4.isLevel(-1));
        assertEquals(Algorithm.ZSTD, Algorithm.fromName("zstd"));
        assertEquals(Algorithm.LZ4, Algorithm.fromName(" LZ4 "));
    }

    @Test
    void aSessionSpecKeepsToTheAlgorithmsLevels() {
        assertEquals(6, SessionSpec.of(Algorithm.GZIP).level());
        assertEquals(3, SessionSpec.of(Algorithm.ZSTD).level());
        assertEquals(-5, SessionSpec.of(Algorithm.ZSTD).withLevel(-5).level());
        assertEquals(19, SessionSpec.of(Algorithm.ZSTD).withLevel(19).level());
        WdException e = assertThrows(WdException.class, () -> SessionSpec.of(Algorithm.GZIP).withLevel(19));
        assertEquals(WdStatus.INVALID_ARGUMENT, e.status());
        assertTrue(e.getMessage().contains("not a gzip level (1..9)"), e.getMessage());
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> SessionSpec.of(Algorithm.ZSTD).withLevel(0)).status());
        // No level given: the new algorithm's default. A level given: kept, if the new algorithm has it.
        assertEquals(3, SessionSpec.of(Algorithm.GZIP).withAlgorithm(Algorithm.ZSTD).level());
        assertEquals(1, SessionSpec.of(Algorithm.ZSTD).withAlgorithm(Algorithm.LZ4).level());
        assertEquals(9, SessionSpec.of(Algorithm.GZIP).withLevel(9).withAlgorithm(Algorithm.ZSTD).level());
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> SessionSpec.of(Algorithm.ZSTD).withLevel(22).withAlgorithm(Algorithm.GZIP)).status());
        assertEquals(SessionSpec.of(Algorithm.GZIP), SessionSpec.of(Algorithm.GZIP).withLevel(6));
    }

    @Test
    void theCompressBoundCoversEachFormatsWorstCase() {
        for (long n : new long[] {0, 1, 1000, 65536, 131072, 1 << 20}) {
            // zstd: ZSTD_COMPRESSBOUND plus header and checksum; LZ4: every 64 KiB block stored
            long zstd = n + (n >> 8) + (n < 131072 ? (131072 - n) >> 11 : 0) + 22;
            assertEquals(zstd, Algorithm.ZSTD.compressBound(n));
            assertTrue(Algorithm.LZ4.compressBound(n) >= n + 15 + 4 * ((n + 65535) / 65536) + 4);
            assertTrue(Algorithm.GZIP.compressBound(n) == Algorithm.DEFLATE.compressBound(n) + 18);
        }
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> Algorithm.ZSTD.compressBound(-1)).status());
    }

    @Test
    void theModelTellsAlgorithmsAndLz4sCompressorsApart() {
        int zstd = RequestClass.of(Operation.COMPRESS, Algorithm.ZSTD, 3, 65536);
        int gzip = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 3, 65536);
        assertTrue(zstd != gzip);
        assertEquals(Algorithm.ZSTD, RequestClass.algorithmOf(zstd));
        assertEquals(Operation.COMPRESS, RequestClass.operationOf(zstd));
        assertEquals(0, RequestClass.levelClass(Operation.COMPRESS, Algorithm.ZSTD, -7), "zstd's fast levels");
        assertEquals(0, RequestClass.levelClass(Operation.COMPRESS, Algorithm.LZ4, 2), "LZ4's fast compressor");
        assertEquals(2, RequestClass.levelClass(Operation.COMPRESS, Algorithm.LZ4, 3), "LZ4 HC");
        int lz4Decompress = RequestClass.of(Operation.DECOMPRESS, Algorithm.LZ4, 1, 4096);
        assertEquals(Algorithm.LZ4, RequestClass.algorithmOf(lz4Decompress));
        assertEquals(Operation.DECOMPRESS, RequestClass.operationOf(lz4Decompress));
    }
}
