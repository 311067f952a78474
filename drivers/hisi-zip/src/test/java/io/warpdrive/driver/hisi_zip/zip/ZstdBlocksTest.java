package io.warpdrive.driver.hisi_zip.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The CPU entropy stage alone, fuzzed: random sequences in the device's record layout (every
 * literal-length and match-length code, offsets up to 32 KiB, a literal run past 16 bits with
 * its dw31 report) become one block that zstd-jni decodes to the same bytes; and answers that
 * do not describe the input are caught before they are encoded.
 */
class ZstdBlocksTest {
    private static final int SEQS = 200_000;

    /** Device output built from random sequences, and the bytes they stand for. */
    private static final class DeviceOutput {
        final ByteBuffer area = ByteBuffer.allocate(SEQS + 400_000).order(ByteOrder.LITTLE_ENDIAN);
        final byte[] data = new byte[ZstdBlocks.MAX_BLOCK];
        int size;
        int litNum;
        int seqNum;
        int overflow;

        void sequence(byte[] lits, int offset, int matchLength) {
            int at = SEQS + seqNum * ZstdBlocks.RECORD;
            if (lits.length > 0xffff) {
                overflow = 1 << 24 | seqNum;
            }
            literals(lits);
            area.putInt(at, offset + 3);
            area.putShort(at + 4, (short) lits.length);
            area.putShort(at + 6, (short) (matchLength - 3));
            for (int i = 0; i < matchLength; i++, size++) {
                data[size] = data[size - offset];
            }
            seqNum++;
        }

        void literals(byte[] lits) {
            area.put(litNum, lits);
            litNum += lits.length;
            System.arraycopy(lits, 0, data, size, lits.length);
            size += lits.length;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    /** Literals drawn from this alphabet: 0 every byte (raw literals), else skewed text-like bytes. */
    private static int alphabet;

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        if (alphabet == 0) {
            r.nextBytes(b);
            return b;
        }
        for (int i = 0; i < n; i++) {
            // geometric: some symbols thousands of times rarer than others, so code lengths need limiting
            int rank = Math.min(Integer.numberOfTrailingZeros(r.nextInt() | 1 << 30) * alphabet + r.nextInt(alphabet), 127);
            b[i] = (byte) (32 + rank % 96);
        }
        return b;
    }

    private static byte[] frame(DeviceOutput o) {
        byte[] block = new byte[ZstdBlocks.BLOCK_HEADER + ZstdBlocks.MAX_BLOCK];
        int input = o.size;
        assertNull(ZstdBlocks.implausible(o.area, SEQS, o.seqNum, o.litNum, o.overflow, input));
        int n = new ZstdBlocks().compressed(o.area, 0, o.litNum, SEQS, o.seqNum, o.overflow, true, block, block.length);
        assertTrue(n > 0, "the block fits");
        byte[] f = new byte[ZstdBlocks.FRAME_HEADER.length + n];
        System.arraycopy(ZstdBlocks.FRAME_HEADER, 0, f, 0, ZstdBlocks.FRAME_HEADER.length);
        System.arraycopy(block, 0, f, ZstdBlocks.FRAME_HEADER.length, n);
        return f;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void randomSequencesDecodeToTheirBytes(int seed) {
        alphabet = 0;
        randomSequences(seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void huffmanCodedLiteralsDecodeToTheirBytes(int seed) {
        alphabet = 1 + seed % 4;
        randomSequences(seed);
    }

    @ParameterizedTest(name = "{0} literals")
    @ValueSource(ints = {255, 256, 257, 1023, 1024, 4095, 4096, 16_383, 16_384, 100_000})
    void huffmanHeaderSizesAtTheirEdges(int literals) {
        alphabet = 2;
        Random r = new Random(literals);
        DeviceOutput o = new DeviceOutput();
        o.sequence(bytes(r, literals), 1, 10);
        o.literals(bytes(r, 1));
        byte[] data = o.bytes();
        byte[] f = frame(o);
        assertArrayEquals(data, Zstd.decompress(f, data.length));
        if (literals >= 256) {
            assertTrue(f.length < literals, "the literals are Huffman-coded: " + f.length);
        }
    }

    private void randomSequences(int seed) {
        Random r = new Random(seed);
        DeviceOutput o = new DeviceOutput();
        o.literals(new byte[0]);
        o.sequence(bytes(r, 1 + r.nextInt(40)), 1, 3 + r.nextInt(100)); // offset 1: a run
        while (o.size < 120_000) {
            int kind = r.nextInt(10);
            int lit = kind < 5 ? r.nextInt(20) : kind < 8 ? r.nextInt(300) : r.nextInt(5000);
            int ml = kind < 6 ? 3 + r.nextInt(30) : kind < 9 ? 3 + r.nextInt(1000) : 3 + r.nextInt(8000);
            int room = 125_000 - o.size - lit;
            if (room < 3) {
                break;
            }
            ml = Math.min(ml, room);
            int offset = 1 + r.nextInt(Math.min(32 * 1024, o.size + lit));
            o.sequence(bytes(r, lit), offset, ml);
        }
        o.literals(bytes(r, r.nextInt(50)));
        byte[] data = o.bytes();
        assertArrayEquals(data, Zstd.decompress(frame(o), data.length));
    }

    @Test
    void aLiteralRunPast16BitsUsesTheOverflowReport() {
        alphabet = 0;
        Random r = new Random(42);
        DeviceOutput o = new DeviceOutput();
        o.sequence(bytes(r, 65_600), 100, 65_000);
        o.literals(bytes(r, 7));
        assertEquals(1 << 24, o.overflow);
        byte[] data = o.bytes();
        assertArrayEquals(data, Zstd.decompress(frame(o), data.length));
    }

    @Test
    void theLongestMatchARecordHoldsDecodes() {
        alphabet = 3;
        Random r = new Random(43);
        DeviceOutput o = new DeviceOutput();
        o.sequence(bytes(r, 10), 7, 65_538);
        o.sequence(bytes(r, 0), 3, 65_000);
        byte[] data = o.bytes();
        assertArrayEquals(data, Zstd.decompress(frame(o), data.length));
    }

    @Test
    void answersThatDoNotDescribeTheInputAreCaught() {
        alphabet = 0;
        Random r = new Random(7);
        DeviceOutput o = new DeviceOutput();
        o.sequence(bytes(r, 10), 5, 20);
        o.literals(bytes(r, 3));
        int input = o.size;
        assertNull(ZstdBlocks.implausible(o.area, SEQS, 1, o.litNum, 0, input));
        assertNotNull(ZstdBlocks.implausible(o.area, SEQS, 1, o.litNum, 0, input + 1), "bytes unaccounted for");
        assertNotNull(ZstdBlocks.implausible(o.area, SEQS, 1, 5, 0, input), "literals beyond the literal count");
        assertNotNull(ZstdBlocks.implausible(o.area, SEQS, 1, input + 1, 0, input), "more literals than input");
        o.area.putInt(SEQS, 11 + 3);
        assertNotNull(ZstdBlocks.implausible(o.area, SEQS, 1, o.litNum, 0, input), "an offset before the start");
        o.area.putInt(SEQS, 2);
        assertNotNull(ZstdBlocks.implausible(o.area, SEQS, 1, o.litNum, 0, input), "a repeat code, never sent");
    }

    @Test
    void codesCoverTheirRanges() {
        for (int lit = 0; lit < 131_072; lit++) {
            int c = ZstdBlocks.literalLengthCode(lit);
            assertTrue(c >= 0 && c <= 35);
        }
        assertEquals(16, ZstdBlocks.literalLengthCode(16));
        assertEquals(24, ZstdBlocks.literalLengthCode(63));
        assertEquals(25, ZstdBlocks.literalLengthCode(64));
        assertEquals(35, ZstdBlocks.literalLengthCode(131_071));
        assertEquals(31, ZstdBlocks.matchLengthCode(31));
        assertEquals(32, ZstdBlocks.matchLengthCode(32));
        assertEquals(42, ZstdBlocks.matchLengthCode(127));
        assertEquals(43, ZstdBlocks.matchLengthCode(128));
        assertEquals(51, ZstdBlocks.matchLengthCode(65_535)); // a match of 65538, the longest a record holds
    }
}
