package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdOutputStream;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the zstd format allows beyond one plain frame, through the platform to this driver:
 * concatenated frames, skippable frames, frames with and without a declared content size and
 * checksum, every level; and what it must refuse with the deflate family's statuses.
 */
class ZstdFramesTest extends DriverConformance {
    private static final byte[] TEXT = TestFiles.sample("text", 200_000);
    private static final byte[] XML = TestFiles.sample("xml", 90_000);

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @Test
    void concatenatedSkippableAndUnsizedFramesDecompressAsOne() throws IOException {
        byte[] sized = frame(TEXT, 3, true);
        byte[] unsized = streamed(XML, 1, false);
        byte[] skippable = skippableFrame(777);
        byte[] all = concat(skippable, sized, skippableFrame(0), unsized, skippable);
        try (Session s = session(Algorithm.ZSTD, 3)) {
            ByteBuffer out = ByteBuffer.allocate(TEXT.length + XML.length);
            Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(all)).destination(out);
            s.execute(r);
            assertServedByDriver(r);
            assertEquals(all.length, r.consumed());
            assertArrayEquals(concat(TEXT, XML), out.array());
            // the same through the pipe: direct source, two destination segments
            ByteBuffer direct = ByteBuffer.allocateDirect(all.length).put(all).flip();
            ByteBuffer a = ByteBuffer.allocate(1000);
            ByteBuffer b = ByteBuffer.allocateDirect(TEXT.length + XML.length - 1000);
            Request sg = s.newRequest().operation(Operation.DECOMPRESS).source(direct).destination(SgList.of(a, b));
            s.execute(sg);
            byte[] got = new byte[TEXT.length + XML.length];
            a.flip().get(got, 0, 1000);
            b.flip().get(got, 1000, b.remaining());
            assertArrayEquals(concat(TEXT, XML), got);
        }
    }

    @Test
    void everyKindOfLevelRoundTrips() throws IOException {
        for (int level : new int[] {-131072, -50, -1, 1, 3, 9, 19, 22}) {
            try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZSTD).withLevel(level))) {
                byte[] compressed = s.compress(TEXT);
                assertTrue(level < -1000 || compressed.length < TEXT.length, "level " + level + " compresses");
                assertArrayEquals(TEXT, Zstd.decompress(compressed, TEXT.length), "zstd-jni reads level " + level);
                assertArrayEquals(TEXT, s.decompress(compressed));
            }
        }
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> SessionSpec.of(Algorithm.ZSTD).withLevel(0)).status(), "zstd's 0 is not a level here");
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> SessionSpec.of(Algorithm.ZSTD).withLevel(23)).status());
    }

    @Test
    void aDamagedChecksumIsAChecksumMismatch() {
        byte[] damaged = frame(TEXT, 3, true);
        damaged[damaged.length - 2] ^= 0x10;
        assertEquals(WdStatus.CHECKSUM_MISMATCH, decompressStatus(damaged, 0));
    }

    @Test
    void truncatedTrailingGarbageAndEmptyInputAreDataErrors() {
        byte[] frame = frame(TEXT, 3, true);
        assertEquals(WdStatus.TRUNCATED_INPUT, decompressStatus(Arrays.copyOf(frame, frame.length - 1), 0));
        assertEquals(WdStatus.TRUNCATED_INPUT, decompressStatus(Arrays.copyOf(frame, frame.length / 2), 0));
        assertEquals(WdStatus.TRUNCATED_INPUT, decompressStatus(new byte[0], 0));
        byte[] garbage = concat(frame, "TRAILING GARBAGE".getBytes(StandardCharsets.US_ASCII));
        assertEquals(WdStatus.CORRUPT_INPUT, decompressStatus(garbage, 0));
    }

    @Test
    void aFrameThatNeedsADictionaryIsRefusedClearly() {
        byte[][] samples = new byte[400][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = TestFiles.sample("rows", 600 + i);
        }
        byte[] dictionary = new byte[16 * 1024];
        long size = Zstd.trainFromBuffer(samples, dictionary);
        assertTrue(!Zstd.isError(size), "a dictionary trained");
        byte[] framed;
        try (ZstdDictCompress dict = new ZstdDictCompress(Arrays.copyOf(dictionary, (int) size), 3);
                ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            framed = ctx.loadDict(dict).compress(samples[7]);
        }
        try (Session s = session(Algorithm.ZSTD, 3)) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(framed));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e.getMessage());
            assertTrue(e.getMessage().contains("dictionary"), e.getMessage());
        }
    }

    @Test
    void theOutputLimitStopsBombsWithAndWithoutADeclaredSize() throws IOException {
        byte[] zeros = new byte[8 << 20];
        long limit = 1 << 20;
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, decompressStatus(frame(zeros, 19, true), limit),
                "a declared content size beyond the limit");
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, decompressStatus(streamed(zeros, 19, true), limit),
                "no declared size: the limit stops the output");
        try (StreamSession st = compressor.openStream(Operation.DECOMPRESS,
                SessionSpec.of(Algorithm.ZSTD).withOutputLimit(limit))) {
            Request r = st.newRequest().source(ByteBuffer.wrap(streamed(zeros, 19, true)))
                    .destination(ByteBuffer.allocate(zeros.length)).flush(Flush.FINISH);
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, assertThrows(WdException.class, () -> st.execute(r)).status());
        }
    }

    @Test
    void aSyncFlushMakesEverythingSoFarDecodable() throws IOException {
        byte[] original = TestFiles.sample("xml", 200_000);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (StreamSession st = compressor.openStream(Operation.COMPRESS,
                SessionSpec.of(Algorithm.ZSTD).withLevel(3))) {
            ByteBuffer out = ByteBuffer.allocate(300_000);
            for (int at = 0; at < original.length;) {
                int n = Math.min(30_011, original.length - at);
                ByteBuffer in = ByteBuffer.wrap(original, at, n);
                Request r = st.newRequest().source(in).destination(out.clear()).flush(Flush.SYNC);
                st.execute(r);
                assertServedByDriver(r);
                assertTrue(!in.hasRemaining() && !r.endOfStream());
                written.write(out.array(), 0, out.position());
                at += n;
                assertArrayEquals(Arrays.copyOf(original, at), ZstdReader.readAvailable(written.toByteArray()),
                        "after a SYNC flush everything so far decodes");
            }
            Request end = st.newRequest().source(ByteBuffer.allocate(0)).destination(out.clear()).flush(Flush.FINISH);
            st.execute(end);
            assertTrue(end.endOfStream());
            written.write(out.array(), 0, out.position());
        }
        assertArrayEquals(original, Zstd.decompress(written.toByteArray(), original.length));
    }

    /** The status of decompressing {@code input} into a destination twice the limit's size (or 16 MiB). */
    private WdStatus decompressStatus(byte[] input, long outputLimit) {
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZSTD).withOutputLimit(outputLimit))) {
            ByteBuffer out = ByteBuffer.allocate(outputLimit == 0 ? 16 << 20 : (int) (2 * outputLimit));
            Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(input)).destination(out);
            try {
                s.execute(r);
                return WdStatus.OK;
            } catch (WdException e) {
                assertServedByDriver(r);
                return e.status();
            }
        }
    }

    /** One frame written in one call: content size declared. */
    static byte[] frame(byte[] data, int level, boolean checksum) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            return ctx.setLevel(level).setChecksum(checksum).compress(data);
        }
    }

    /** One frame written as a stream: no content size declared. */
    static byte[] streamed(byte[] data, int level, boolean checksum) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes, level)) {
            out.setChecksum(checksum);
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** A skippable frame (magic 0x184D2A50) with {@code size} bytes of user data. */
    static byte[] skippableFrame(int size) {
        ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2A50).putInt(size);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
