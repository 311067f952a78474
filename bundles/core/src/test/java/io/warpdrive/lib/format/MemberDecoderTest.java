package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The member decoder's framing and checks, driven through a java.util.zip engine: the
 * statuses every driver reports come from here.
 */
class MemberDecoderTest {
    private static final byte[] DATA = ("The member decoder reads headers, deflate data and trailers; "
            + "every driver's decompression goes through it. ").repeat(20).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GARBAGE = {0x00, 0x42, 0x43};

    private final InflaterEngine engine = new InflaterEngine();
    private final MemberDecoder decoder = new MemberDecoder(engine);
    private final BufferInput input = new BufferInput();

    // ---- the input -------------------------------------------------------------------

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] gzip(byte[] header, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(GzipFormat.TRAILER_LENGTH);
        GzipFormat.writeTrailer(trailer, (int) crc.getValue(), data.length);
        return concat(header, deflate(data), trailer.array());
    }

    private static byte[] gzip(byte[] data) {
        return gzip(HeaderBytes.gzip().build(), data);
    }

    private static byte[] zlib(byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(ZlibFormat.HEADER_LENGTH);
        ZlibFormat.writeHeader(header, 6, WindowSize.W32K);
        Adler32 adler = new Adler32();
        adler.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(ZlibFormat.TRAILER_LENGTH);
        ZlibFormat.writeTrailer(trailer, (int) adler.getValue());
        return concat(header.array(), deflate(data), trailer.array());
    }

    private static byte[] fullHeader() {
        return HeaderBytes.gzip().text().mtime(1_700_000_000L).extra(new byte[] {'A', 'P', 2, 0, 7, 9})
                .name("member.txt").comment("a comment").headerCrc().build();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- running the decoder ------------------------------------------------------------

    /** Stateless: all input, a destination of {@code room} bytes; the source is left after what was read. */
    private byte[] decodeAll(Algorithm algorithm, ByteBuffer source, int room, long limit) {
        ByteBuffer out = ByteBuffer.allocate(room);
        decoder.start(algorithm);
        engine.bind(source, out, limit);
        try {
            decoder.decodeAll(input.of(source), room, limit);
        } finally {
            engine.unbind();
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private byte[] decodeAll(Algorithm algorithm, byte[] compressed) {
        return decodeAll(algorithm, ByteBuffer.wrap(compressed), DATA.length * 4, Long.MAX_VALUE);
    }

    /**
     * A stream fed in pieces ending at {@code cuts}: what a call leaves unconsumed comes
     * first in the next call. Returns the output; the last call says FINISH.
     */
    private byte[] feed(Algorithm algorithm, byte[] compressed, int... cuts) {
        ByteBuffer out = ByteBuffer.allocate(DATA.length * 4);
        decoder.start(algorithm);
        byte[] carried = new byte[0];
        int from = 0;
        boolean ended = false;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : compressed.length;
            ByteBuffer piece = ByteBuffer.wrap(concat(carried, Arrays.copyOfRange(compressed, from, to)));
            engine.bind(piece, out, Long.MAX_VALUE);
            try {
                ended = decoder.decode(input.of(piece), i == cuts.length, Long.MAX_VALUE);
            } finally {
                engine.unbind();
            }
            carried = Arrays.copyOfRange(piece.array(), piece.position(), piece.limit());
            from = to;
        }
        assertTrue(ended, "the stream ended");
        assertEquals(0, carried.length, "every byte consumed");
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void assertFails(WdStatus status, String detail, Runnable r) {
        WdException e = assertThrows(WdException.class, r::run);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.detail().contains(detail), "'" + e.detail() + "' should contain '" + detail + "'");
    }

    // ---- headers, members, trailing data -------------------------------------------------

    @Test
    void readsEveryOptionalGzipHeaderField() {
        assertArrayEquals(DATA, decodeAll(Algorithm.GZIP, gzip(fullHeader(), DATA)));
        assertTrue(decoder.isEnded());
    }

    @Test
    void readsZlibAndRawDeflate() {
        assertArrayEquals(DATA, decodeAll(Algorithm.ZLIB, zlib(DATA)));
        assertArrayEquals(DATA, decodeAll(Algorithm.DEFLATE, deflate(DATA)));
    }

    @Test
    void readsConcatenatedMembersAndLeavesTrailingGarbage() {
        byte[] second = "second member".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer source = ByteBuffer.wrap(concat(gzip(DATA), gzip(fullHeader(), second), GARBAGE));
        byte[] out = decodeAll(Algorithm.GZIP, source, DATA.length * 2, Long.MAX_VALUE);
        assertArrayEquals(concat(DATA, second), out);
        assertEquals(GARBAGE.length, source.remaining(), "trailing garbage left in the source");
        assertEquals(GARBAGE[0], source.get(source.position()));
    }

    @Test
    void leavesWhatFollowsAZlibStream() {
        ByteBuffer source = ByteBuffer.wrap(concat(zlib(DATA), zlib(DATA)));
        assertArrayEquals(DATA, decodeAll(Algorithm.ZLIB, source, DATA.length * 2, Long.MAX_VALUE));
        assertEquals(zlib(DATA).length, source.remaining(), "a zlib stream has one member");
    }

    @Test
    void aLoneFirstMagicByteWaitsForMoreInput() {
        ByteBuffer out = ByteBuffer.allocate(DATA.length);
        ByteBuffer piece = ByteBuffer.wrap(concat(gzip(DATA), new byte[] {GzipFormat.ID1}));
        decoder.start(Algorithm.GZIP);
        engine.bind(piece, out, Long.MAX_VALUE);
        assertFalse(decoder.decode(input.of(piece), false, Long.MAX_VALUE), "0x1f may start another member");
        assertEquals(1, piece.remaining(), "the 0x1f is left unconsumed");
        assertTrue(decoder.decode(input.of(piece), true, Long.MAX_VALUE), "with no more input it is trailing data");
        engine.unbind();
    }

    @Test
    void refusesAZlibPresetDictionary() {
        byte[] withDictionary = zlib(DATA);
        int cmf = withDictionary[0] & 0xff;
        int flg = ZlibFormat.FDICT;
        flg += 31 - ((cmf << 8) + flg) % 31;
        withDictionary[1] = (byte) flg;
        assertFails(WdStatus.UNSUPPORTED, "dictionary", () -> decodeAll(Algorithm.ZLIB, withDictionary));
    }

    // ---- checks --------------------------------------------------------------------------

    @Test
    void aBadCrcIsizeOrAdlerIsAChecksumMismatch() {
        byte[] badCrc = gzip(DATA);
        badCrc[badCrc.length - 8] ^= 1;
        assertFails(WdStatus.CHECKSUM_MISMATCH, "CRC-32", () -> decodeAll(Algorithm.GZIP, badCrc));
        byte[] badSize = gzip(DATA);
        badSize[badSize.length - 4] ^= 1;
        assertFails(WdStatus.CHECKSUM_MISMATCH, "ISIZE", () -> decodeAll(Algorithm.GZIP, badSize));
        byte[] badAdler = zlib(DATA);
        badAdler[badAdler.length - 1] ^= 1;
        assertFails(WdStatus.CHECKSUM_MISMATCH, "Adler-32", () -> decodeAll(Algorithm.ZLIB, badAdler));
    }

    @Test
    void aBadSecondMemberSaysWhichMember() {
        byte[] second = gzip(DATA);
        second[second.length - 8] ^= 1;
        byte[] both = concat(gzip(DATA), second);
        WdException e = assertThrows(WdException.class,
                () -> decodeAll(Algorithm.GZIP, ByteBuffer.wrap(both), DATA.length * 2, Long.MAX_VALUE));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, e.status());
        assertEquals("gzip member 2", decoder.where());
    }

    @Test
    void truncationInHeaderDataOrTrailerIsTruncatedInput() {
        byte[] whole = gzip(fullHeader(), DATA);
        assertFails(WdStatus.TRUNCATED_INPUT, "", () -> decodeAll(Algorithm.GZIP, Arrays.copyOf(whole, 12)));
        assertFails(WdStatus.TRUNCATED_INPUT, "input ended inside the deflate data of gzip member 1",
                () -> decodeAll(Algorithm.GZIP, Arrays.copyOf(whole, whole.length - 40)));
        assertFails(WdStatus.TRUNCATED_INPUT, "gzip trailer truncated: 5 of 8 bytes",
                () -> decodeAll(Algorithm.GZIP, Arrays.copyOf(whole, whole.length - 3)));
        byte[] z = zlib(DATA);
        assertFails(WdStatus.TRUNCATED_INPUT, "zlib trailer",
                () -> decodeAll(Algorithm.ZLIB, Arrays.copyOf(z, z.length - 1)));
    }

    @Test
    void corruptDeflateDataSaysWhereAndWhy() {
        byte[] bad = gzip(DATA);
        bad[GzipFormat.HEADER_LENGTH] = (byte) 0xff; // block type 3: reserved
        assertFails(WdStatus.CORRUPT_INPUT, "corrupt deflate data in gzip member 1: invalid block type",
                () -> decodeAll(Algorithm.GZIP, bad));
    }

    @Test
    void aSmallDestinationOrTheLimitStopsStatelessOutput() {
        byte[] compressed = gzip(DATA);
        assertFails(WdStatus.OUTPUT_TOO_SMALL, "too small for the decompressed data of gzip member 1",
                () -> decodeAll(Algorithm.GZIP, ByteBuffer.wrap(compressed), DATA.length - 1, Long.MAX_VALUE));
        assertFails(WdStatus.OUTPUT_LIMIT_EXCEEDED, "output limit of 100 bytes",
                () -> decodeAll(Algorithm.GZIP, ByteBuffer.wrap(compressed), DATA.length, 100));
        assertArrayEquals(DATA, decodeAll(Algorithm.GZIP, ByteBuffer.wrap(compressed), DATA.length, DATA.length),
                "a destination of exactly the output's size is enough");
    }

    // ---- pieces ----------------------------------------------------------------------------

    @Test
    void aGzipMemberSplitAtEveryByteDecodes() {
        byte[] whole = gzip(fullHeader(), DATA);
        for (int cut = 1; cut < whole.length; cut++) {
            assertArrayEquals(DATA, feed(Algorithm.GZIP, whole, cut), "split at " + cut);
        }
    }

    @Test
    void aZlibStreamSplitAtEveryByteDecodes() {
        byte[] whole = zlib(DATA);
        for (int cut = 1; cut < whole.length; cut++) {
            assertArrayEquals(DATA, feed(Algorithm.ZLIB, whole, cut), "split at " + cut);
        }
    }

    @Test
    void headerAndTrailerFedOneByteAtATime() {
        byte[] header = fullHeader();
        byte[] whole = concat(gzip(header, DATA), gzip(header, DATA));
        int[] cuts = new int[whole.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertArrayEquals(concat(DATA, DATA), feed(Algorithm.GZIP, whole, cuts));
    }

    // ---- the engine a driver would write -----------------------------------------------------

    /** A raw java.util.zip inflater over one heap output buffer. */
    private static final class InflaterEngine implements DeflateEngine {
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private final Adler32 adler = new Adler32();
        private Checksum checksum;
        private FramedInput in;
        private ByteBuffer out;
        private long allowance;

        void bind(ByteBuffer source, ByteBuffer destination, long limit) {
            in = new BufferInput().of(source);
            out = destination;
            allowance = limit;
        }

        void unbind() {
            inflater.setInput(new byte[0]);
        }

        @Override
        public void startMember(Algorithm algorithm) {
            inflater.reset();
            crc.reset();
            adler.reset();
            checksum = algorithm == Algorithm.ZLIB ? adler : crc;
        }

        @Override
        public Stop inflate(boolean probe) {
            for (;;) {
                if (inflater.finished()) {
                    return Stop.ENDED;
                }
                if (inflater.needsInput() && in.current() != null) {
                    inflater.setInput(in.current());
                }
                int room = probe ? 1 : (int) Math.min(out.remaining(), allowance);
                byte[] space = new byte[room];
                long read = inflater.getBytesRead();
                int n;
                try {
                    n = inflater.inflate(space);
                } catch (DataFormatException e) {
                    throw new WdException(WdStatus.CORRUPT_INPUT, e.getMessage());
                }
                if (n > 0 && probe) {
                    return Stop.OUTPUT_FULL;
                }
                out.put(space, 0, n);
                checksum.update(space, 0, n);
                allowance -= n;
                if (n > 0 || inflater.getBytesRead() != read || inflater.finished()) {
                    continue;
                }
                if (room == 0) {
                    return Stop.OUTPUT_FULL;
                }
                return Stop.INPUT_EXHAUSTED;
            }
        }

        @Override
        public boolean limitReached() {
            return allowance == 0 && out.hasRemaining();
        }

        @Override
        public int checksum() {
            return (int) checksum.getValue();
        }

        @Override
        public long memberOutput() {
            return inflater.getBytesWritten();
        }
    }
}
