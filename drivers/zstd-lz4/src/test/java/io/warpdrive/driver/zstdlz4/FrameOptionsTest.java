package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame options through the platform to the zstd-lz4 driver: a zstd frame written with window
 * log N declares 2^N in its header; the content size is declared or not as asked, and so is the
 * content checksum, for zstd and LZ4, stateless and streamed; the {@code zstd} and {@code lz4}
 * tools read every such frame; options that do not apply are refused when the session is set up.
 */
class FrameOptionsTest extends DriverConformance {
    private static final byte[] TEXT = ToolInterop.TEXT;

    @TempDir
    Path dir;

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @BeforeAll
    void theToolsAreInstalled() throws Exception {
        Tools.requireInstalled("zstd");
        Tools.requireInstalled("lz4");
    }

    /** A zstd frame header's fields (RFC 8878 3.1.1.1). */
    record ZstdHeader(boolean singleSegment, boolean contentSize, boolean checksum, int windowLog) {
        static ZstdHeader of(byte[] frame) {
            assertEquals(0xFD2FB528, ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0),
                    "zstd magic");
            int fhd = frame[4] & 0xFF;
            boolean single = (fhd & 0x20) != 0;
            int fcsFlag = fhd >>> 6;
            // Single segment: no window descriptor, the window is the content size.
            int windowLog = single ? -1 : 10 + ((frame[5] & 0xFF) >>> 3);
            return new ZstdHeader(single, fcsFlag != 0 || single, (fhd & 0x04) != 0, windowLog);
        }
    }

    private byte[] compress(SessionSpec spec, byte[] data) {
        try (Session s = compressor.openSession(spec)) {
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                    .destination(ByteBuffer.allocate(data.length + 65_536));
            s.execute(r);
            assertServedByDriver(r);
            ByteBuffer out = r.destination().get(0).flip();
            byte[] frame = new byte[out.remaining()];
            out.get(frame);
            return frame;
        }
    }

    private byte[] compressStream(SessionSpec spec, byte[] data) {
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, spec)) {
            ByteBuffer out = ByteBuffer.allocate(data.length + 65_536);
            Request r = st.newRequest().source(ByteBuffer.wrap(data)).destination(out).flush(Flush.FINISH);
            st.execute(r);
            assertServedByDriver(r);
            assertTrue(r.endOfStream());
            return Arrays.copyOf(out.array(), out.position());
        }
    }

    /** The tool decompresses {@code frame} to {@code expected}, and so does the platform. */
    private void readable(String tool, byte[] frame, byte[] expected) throws Exception {
        Path in = Files.write(dir.resolve("f." + tool), frame);
        Path out = dir.resolve("f");
        Tools.run("zstd".equals(tool) ? List.of(tool, "-q", "-d", "-f", in.toString(), "-o", out.toString())
                : List.of(tool, "-q", "-d", "-f", in.toString(), out.toString()));
        assertArrayEquals(expected, Files.readAllBytes(out), tool + " -d");
        Algorithm a = "zstd".equals(tool) ? Algorithm.ZSTD : Algorithm.LZ4;
        try (Session s = compressor.openSession(SessionSpec.of(a))) {
            assertArrayEquals(expected, s.decompress(frame));
        }
    }

    @Test
    void theDefaultZstdFrameDeclaresItsContentSizeAndChecksum() throws Exception {
        ZstdHeader h = ZstdHeader.of(compress(SessionSpec.of(Algorithm.ZSTD), TEXT));
        assertTrue(h.contentSize() && h.checksum(), h.toString());
    }

    @Test
    void aZstdFrameWrittenWithWindowLogNDeclaresIt() throws Exception {
        for (int log : new int[] {FrameOptions.MIN_WINDOW_LOG, 12, 17}) {
            SessionSpec spec = SessionSpec.of(Algorithm.ZSTD)
                    .withFrame(FrameOptions.DEFAULT.withWindowLog(log).withContentSize(false));
            byte[] frame = compress(spec, TEXT);
            ZstdHeader h = ZstdHeader.of(frame);
            assertEquals(new ZstdHeader(false, false, true, log), h, "stateless, window log " + log);
            readable("zstd", frame, TEXT);
            byte[] streamed = compressStream(spec, TEXT);
            assertEquals(new ZstdHeader(false, false, true, log), ZstdHeader.of(streamed), "stream, window log " + log);
            readable("zstd", streamed, TEXT);
        }
    }

    @Test
    void aZstdFrameDeclaresItsContentSizeAndChecksumOnlyWhenAsked() throws Exception {
        FrameOptions noSize = FrameOptions.DEFAULT.withContentSize(false);
        byte[] frame = compress(SessionSpec.of(Algorithm.ZSTD).withFrame(noSize), TEXT);
        assertFalse(ZstdHeader.of(frame).contentSize());
        readable("zstd", frame, TEXT);
        byte[] unchecked = compress(SessionSpec.of(Algorithm.ZSTD).withFrame(FrameOptions.DEFAULT
                .withContentChecksum(false)), TEXT);
        ZstdHeader h = ZstdHeader.of(unchecked);
        assertTrue(h.contentSize() && !h.checksum(), h.toString());
        readable("zstd", unchecked, TEXT);
        // The codec's context goes back to the defaults for the next session that asks for none.
        ZstdHeader again = ZstdHeader.of(compress(SessionSpec.of(Algorithm.ZSTD), TEXT));
        assertTrue(again.contentSize() && again.checksum(), again.toString());
    }

    @Test
    void anLz4FrameDeclaresItsContentSizeAndChecksumOnlyWhenAsked() throws Exception {
        int contentSizeBit = 0x08;
        int checksumBit = 0x04;
        byte[] plain = compress(SessionSpec.of(Algorithm.LZ4), TEXT);
        assertEquals(contentSizeBit | checksumBit, plain[4] & (contentSizeBit | checksumBit), "default FLG");
        SessionSpec neither = SessionSpec.of(Algorithm.LZ4)
                .withFrame(FrameOptions.DEFAULT.withContentSize(false).withContentChecksum(false));
        byte[] bare = compress(neither, TEXT);
        assertEquals(0, bare[4] & (contentSizeBit | checksumBit), "FLG without content size and checksum");
        readable("lz4", bare, TEXT);
        byte[] streamed = compressStream(neither, TEXT);
        assertEquals(0, streamed[4] & (contentSizeBit | checksumBit), "a stream's FLG");
        readable("lz4", streamed, TEXT);
        byte[] sizeOnly = compress(SessionSpec.of(Algorithm.LZ4).withFrame(FrameOptions.DEFAULT
                .withContentChecksum(false)), TEXT);
        assertEquals(contentSizeBit, sizeOnly[4] & (contentSizeBit | checksumBit));
        readable("lz4", sizeOnly, TEXT);
    }

    @Test
    void optionsThatDoNotApplyAreRefusedWhenTheSessionIsSetUp() {
        FrameOptions window = FrameOptions.DEFAULT.withWindowLog(20);
        WdException lz4 = assertThrows(WdException.class, () -> SessionSpec.of(Algorithm.LZ4).withFrame(window));
        assertEquals(WdStatus.INVALID_ARGUMENT, lz4.status());
        WdException gzip = assertThrows(WdException.class,
                () -> SessionSpec.of(Algorithm.GZIP).withFrame(FrameOptions.DEFAULT.withContentSize(false)));
        assertEquals(WdStatus.INVALID_ARGUMENT, gzip.status());
        WdException changed = assertThrows(WdException.class,
                () -> SessionSpec.of(Algorithm.ZSTD).withFrame(window).withAlgorithm(Algorithm.LZ4));
        assertEquals(WdStatus.INVALID_ARGUMENT, changed.status());
        for (int bad : new int[] {9, FrameOptions.MAX_WINDOW_LOG + 1, -1}) {
            assertEquals(WdStatus.INVALID_ARGUMENT,
                    assertThrows(WdException.class, () -> FrameOptions.DEFAULT.withWindowLog(bad)).status());
        }
        assertTrue(FrameOptions.DEFAULT.withWindowLog(20).withWindowLog(0).isDefault());
        assertEquals(SessionSpec.of(Algorithm.GZIP), SessionSpec.of(Algorithm.GZIP).withFrame(FrameOptions.DEFAULT));
    }
}
