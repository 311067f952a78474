package io.warpdrive.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks every driver makes before touching state, with the statuses the drivers report. */
class JobChecksTest {
    private static final DriverInfo ONLY_32K = new DriverInfo("one", CalcType.SOFT, 0,
            EnumSet.of(Algorithm.GZIP), Set.of(WindowSize.W32K), true, false);

    private static void assertRefused(WdStatus status, String detail, Runnable check) {
        WdException e = assertThrows(WdException.class, check::run);
        assertEquals(status, e.status());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    @Test
    void refusesAnAlgorithmTheDriverDoesNotServeAndALevelTheAlgorithmDoesNotHave() {
        DriverInfo deflateOnly = new DriverInfo("d", CalcType.SOFT, 0,
                EnumSet.of(Algorithm.DEFLATE, Algorithm.GZIP), EnumSet.allOf(WindowSize.class),
                true, false);
        assertRefused(WdStatus.UNSUPPORTED, "the d driver serves deflate, gzip, not zstd",
                () -> JobChecks.checkKind(deflateOnly, Algorithm.ZSTD, Operation.COMPRESS));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no operation",
                () -> JobChecks.checkKind(deflateOnly, Algorithm.GZIP, null));
        JobChecks.checkKind(deflateOnly, Algorithm.GZIP, Operation.DECOMPRESS);
        assertRefused(WdStatus.INVALID_ARGUMENT, "zstd level 0 outside",
                () -> JobChecks.checkLevel(Algorithm.ZSTD, 0));
        assertRefused(WdStatus.INVALID_ARGUMENT, "zstd level 23 outside",
                () -> JobChecks.checkLevel(Algorithm.ZSTD, 23));
        JobChecks.checkLevel(Algorithm.ZSTD, 22);
        JobChecks.checkLevel(Algorithm.ZSTD, -5);
    }

    @Test
    void refusesWhatNoDriverCanServe() {
        assertRefused(WdStatus.INVALID_ARGUMENT, "no algorithm", () -> JobChecks.checkKind(null, Operation.COMPRESS));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no operation", () -> JobChecks.checkKind(Algorithm.GZIP, null));
        assertRefused(WdStatus.INVALID_ARGUMENT, "level 0 outside 1..9", () -> JobChecks.checkLevel(0));
        assertRefused(WdStatus.INVALID_ARGUMENT, "level 10 outside 1..9", () -> JobChecks.checkLevel(10));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no flush mode", () -> JobChecks.checkFlush(null));
        assertRefused(WdStatus.INVALID_ARGUMENT, "negative output limit -1", () -> JobChecks.checkOutputLimit(-1));
        SgList some = SgList.of(ByteBuffer.allocate(4));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no source", () -> JobChecks.checkBuffers(null, some, 0));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no destination", () -> JobChecks.checkBuffers(some, null, 0));
        assertRefused(WdStatus.INVALID_ARGUMENT, "read-only",
                () -> JobChecks.checkBuffers(some, SgList.of(ByteBuffer.allocate(4).asReadOnlyBuffer()), 0));
        JobChecks.checkKind(Algorithm.ZLIB, Operation.DECOMPRESS);
        JobChecks.checkLevel(1);
        JobChecks.checkLevel(9);
        JobChecks.checkFlush(Flush.NONE);
        JobChecks.checkBuffers(some, some, 0);
    }

    @Test
    void aWindowTheDriverDoesNotCompressWithIsUnsupported() {
        assertRefused(WdStatus.UNSUPPORTED, "the one driver compresses with a 32 KiB window only; W8K was requested",
                () -> JobChecks.checkCompressionWindow(ONLY_32K, WindowSize.W8K));
        assertRefused(WdStatus.INVALID_ARGUMENT, "no window", () -> JobChecks.checkCompressionWindow(ONLY_32K, null));
        JobChecks.checkCompressionWindow(ONLY_32K, WindowSize.W32K);
    }

    @Test
    void aPresetDictionaryPrimesRawDeflateCompressionOnADriverThatTakesOne() {
        DriverInfo takes = new DriverInfo("t", CalcType.SOFT, 0, EnumSet.allOf(Algorithm.class),
                Set.of(WindowSize.W32K), true, false, true);
        ByteBuffer dictionary = ByteBuffer.wrap(new byte[] {1, 2, 3});
        JobChecks.checkDictionary(takes, Algorithm.DEFLATE, Operation.COMPRESS, dictionary);
        JobChecks.checkDictionary(ONLY_32K, Algorithm.GZIP, Operation.COMPRESS, null);
        JobChecks.checkDictionary(ONLY_32K, Algorithm.GZIP, Operation.COMPRESS, ByteBuffer.allocate(0));
        assertRefused(WdStatus.INVALID_ARGUMENT, "raw deflate compression only, not zlib compress",
                () -> JobChecks.checkDictionary(takes, Algorithm.ZLIB, Operation.COMPRESS, dictionary));
        assertRefused(WdStatus.INVALID_ARGUMENT, "not deflate decompress",
                () -> JobChecks.checkDictionary(takes, Algorithm.DEFLATE, Operation.DECOMPRESS, dictionary));
        assertRefused(WdStatus.UNSUPPORTED, "the one driver takes no preset dictionary",
                () -> JobChecks.checkDictionary(ONLY_32K, Algorithm.DEFLATE, Operation.COMPRESS, dictionary));
    }
}
