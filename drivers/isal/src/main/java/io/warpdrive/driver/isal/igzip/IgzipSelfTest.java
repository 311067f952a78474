package io.warpdrive.driver.isal.igzip;

import static io.warpdrive.driver.isal.igzip.IgzipAbi.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Checks, before the driver serves anything, that the loaded library has the struct
 * layout of {@link IgzipAbi}: the init functions must write their fields where the offsets
 * say (memory is filled with a pattern first, so a field elsewhere shows as pattern), and a
 * round trip of 256 KiB through a stream (compress in pieces, decompress into small
 * outputs, which works every part of both structs) must restore the data, produce the
 * right CRC-32 and leave the bytes after each struct alone. A library built with other
 * settings fails here instead of corrupting memory later.
 */
public final class IgzipSelfTest {
    private static final byte PATTERN = (byte) 0xA5;
    private static final int DATA_LENGTH = 256 * 1024;

    private IgzipSelfTest() {
    }

    /** @throws IgzipUnavailableException saying which check failed */
    public static void run(Igzip igzip) throws IgzipUnavailableException {
        try (ZStream zs = new ZStream(igzip, MAX_LEVEL_BUF_SIZE); InflateState is = new InflateState(igzip)) {
            checkDeflateLayout(igzip, zs);
            checkInflateLayout(igzip, is);
            roundTrip(igzip, zs, is);
        }
    }

    private static void checkDeflateLayout(Igzip igzip, ZStream zs) throws IgzipUnavailableException {
        ByteBuffer f = zs.fields();
        fill(f, 0, f.capacity());
        zs.init();
        expect(igzip, f.getInt(ZS_TOTAL_IN) == 0 && f.getInt(ZS_TOTAL_OUT) == 0, "isal_zstream totals");
        long hufftables = f.getLong(ZS_HUFFTABLES);
        expect(igzip, hufftables != 0 && hufftables != patternLong(), "isal_zstream.hufftables");
        expect(igzip, f.getInt(ZS_LEVEL) == 0 && f.getInt(ZS_LEVEL_BUF_SIZE) == 0 && f.getLong(ZS_LEVEL_BUF) == 0,
                "isal_zstream level fields");
        expect(igzip, f.getLong(ZS_END_OF_STREAM) == 0, "isal_zstream end_of_stream, flush, gzip_flag, hist_bits");
        expect(igzip, f.getInt(ZS_STATE) == ZSTATE_NEW_HDR, "isal_zstream.internal_state.state");
    }

    private static void checkInflateLayout(Igzip igzip, InflateState is) throws IgzipUnavailableException {
        ByteBuffer f = is.fields();
        fill(f, 0, f.capacity());
        is.init();
        expect(igzip, f.getInt(IS_AVAIL_IN) == 0 && f.getInt(IS_READ_IN_LENGTH) == 0, "inflate_state input fields");
        expect(igzip, f.getInt(IS_BLOCK_STATE) == ISAL_BLOCK_NEW_HDR && f.getInt(IS_CRC_FLAG) == 0
                && f.getInt(IS_CRC) == 0 && f.getInt(IS_HIST_BITS) == 0, "inflate_state after the Huffman tables");
        expect(igzip, f.getInt(IS_TMP_OUT_PROCESSED) == 0, "inflate_state.tmp_out_processed");
    }

    private static void roundTrip(Igzip igzip, ZStream zs, InflateState is) throws IgzipUnavailableException {
        byte[] data = sampleText();
        ByteBuffer in = ByteBuffer.allocateDirect(DATA_LENGTH).put(data).flip();
        ByteBuffer compressed = ByteBuffer.allocateDirect(DATA_LENGTH + 1024);
        ByteBuffer out = ByteBuffer.allocateDirect(DATA_LENGTH);
        ByteBuffer zf = zs.fields();
        ByteBuffer sf = is.fields();
        fill(zf, ZSTREAM_SIZE, zf.capacity());
        fill(sf, INFLATE_STATE_SIZE, sf.capacity());

        zs.init();
        zs.parameters(1, IGZIP_GZIP_NO_HDR, 0);
        long inBase = igzip.addressOf(in);
        long zBase = igzip.addressOf(compressed);
        for (int at = 0; at < DATA_LENGTH;) {
            int n = Math.min(64 * 1024 + 17, DATA_LENGTH - at);
            zs.input(inBase + at, n);
            zs.output(zBase + compressed.position(), compressed.remaining());
            zs.endOfStream(at + n == DATA_LENGTH);
            int room = compressed.remaining();
            expect(igzip, zs.deflate() == COMP_OK && zs.availIn() == 0, "isal_deflate of a piece");
            compressed.position(compressed.position() + room - zs.availOut());
            at += n;
        }
        expect(igzip, zs.state() == ZSTATE_END, "isal_deflate ends the stream");
        expect(igzip, untouched(zf, ZSTREAM_SIZE, LEVEL_BUF_GAP_END), "memory after isal_zstream");

        is.init();
        is.crcFlag(ISAL_GZIP_NO_HDR);
        int deflateLength = compressed.position() - 8; // the gzip trailer follows the deflate data
        is.input(zBase, deflateLength);
        long outBase = igzip.addressOf(out);
        int produced = 0;
        for (int calls = 0; is.blockState() != ISAL_BLOCK_FINISH && calls < DATA_LENGTH; calls++) {
            int room = Math.min(1000, DATA_LENGTH - produced);
            is.output(outBase + produced, room);
            expect(igzip, is.inflate() == ISAL_DECOMP_OK, "isal_inflate into small outputs");
            produced += room - is.availOut();
        }
        byte[] back = new byte[produced];
        out.get(0, back);
        expect(igzip, Arrays.equals(data, back), "isal_inflate restores isal_deflate's data");
        CRC32 crc = new CRC32();
        crc.update(data);
        expect(igzip, is.crc() == (int) crc.getValue(), "inflate_state.crc");
        expect(igzip, untouched(sf, INFLATE_STATE_SIZE, sf.capacity() - InflateState.SCRATCH_SIZE),
                "memory after inflate_state");
    }

    /** Where the gap between the compression struct and its level buffer ends. */
    private static final int LEVEL_BUF_GAP_END = (ZSTREAM_SIZE + 63) & ~63;

    /** Text-like data with repeats near and far, so every match length and distance occurs. */
    private static byte[] sampleText() {
        String[] words = {"warp", "drive", "queue", "deflate", "inflate", "igzip", "the", "of", "and", "a", "stream",
            "window", "history", "level", "buffer", "huffman", "literal", "distance"};
        byte[][] spaced = new byte[words.length][];
        byte[][] ended = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            spaced[i] = (words[i] + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ended[i] = (words[i] + ".\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        byte[] data = new byte[DATA_LENGTH];
        long seed = 0x9E3779B97F4A7C15L;
        int at = 0;
        while (at < DATA_LENGTH) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int word = (int) ((seed >>> 33) % words.length);
            byte[] w = (seed & 7) == 0 ? ended[word] : spaced[word];
            int n = Math.min(w.length, DATA_LENGTH - at);
            System.arraycopy(w, 0, data, at, n);
            at += n;
        }
        return data;
    }

    /** A run of the pattern, written and compared in bulk: byte by byte (C1 code at start) it showed in the start-up profile. */
    private static final int PATTERN_RUN = 16 * 1024;

    private static byte[] patternRun() {
        byte[] run = new byte[PATTERN_RUN];
        Arrays.fill(run, PATTERN);
        return run;
    }

    private static void fill(ByteBuffer b, int from, int to) {
        byte[] run = patternRun();
        for (int i = from; i < to; i += PATTERN_RUN) {
            b.put(i, run, 0, Math.min(PATTERN_RUN, to - i));
        }
    }

    private static boolean untouched(ByteBuffer b, int from, int to) {
        byte[] run = patternRun();
        byte[] read = new byte[PATTERN_RUN];
        for (int i = from; i < to; i += PATTERN_RUN) {
            int n = Math.min(PATTERN_RUN, to - i);
            b.get(i, read, 0, n);
            if (Arrays.mismatch(read, 0, n, run, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static long patternLong() {
        long v = PATTERN & 0xffL;
        return v * 0x0101010101010101L;
    }

    private static void expect(Igzip igzip, boolean ok, String what) throws IgzipUnavailableException {
        if (!ok) {
            throw new IgzipUnavailableException(igzip.library() + " failed the self-test at " + what
                    + ": its struct layout is not the one this driver was written for (ISA-L 2.30, 32 KiB history)");
        }
    }
}
