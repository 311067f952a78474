package io.warpdrive.driver.hisi_zip.zip;

import java.nio.ByteBuffer;

/**
 * The CPU half of the device's lz77_zstd: turns the literals and sequences one SQE produced
 * into one zstd block (RFC 8878): the literals Huffman-coded ({@link HuffmanLiterals}) or
 * raw, whichever is smaller, and the sequences entropy-coded with the predefined FSE tables. Each device request covers at most 128 KiB, the largest block, so one request
 * is one block and a job is one frame of such blocks.
 *
 * <p>A sequence record as the device writes it (docs/hisi-zip-v3.md): u32 offset + 3,
 * u16 literal length, u16 match length - 3, little endian; a literal length beyond 16 bits is
 * reported once per request in dw31 (count in [31:24], record index in [23:0]).
 */
final class ZstdBlocks {
    /** The largest block and the device's input per request ({@code ZSTD_MAX_SIZE}). */
    static final int MAX_BLOCK = 128 << 10;
    /**
     * Magic, a descriptor with no content size, checksum or dictionary, and a 128 KiB window:
     * blocks may then be 128 KiB (a block is at most the window) and every match is within one block.
     */
    static final byte[] FRAME_HEADER = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x38};
    static final int BLOCK_HEADER = 3;
    /** Records of 8 bytes, then the device's 8-byte overflow and 784-byte frequency areas. */
    static final int RECORD = 8;
    static final int RECORD_TAIL = 8 + 784;

    private static final int REPEAT_CODES = 3;
    private static final int MIN_MATCH = 3;
    private static final int RAW = 0;
    private static final int COMPRESSED = 2;

    private final BitWriter bits = new BitWriter();
    private final HuffmanLiterals huffman = new HuffmanLiterals();

    /** A raw block of {@code length} bytes: its 3-byte header. */
    static int rawHeader(int length, boolean last) {
        return length << 3 | RAW << 1 | (last ? 1 : 0);
    }

    /**
     * Why the device's answer cannot describe {@code input} bytes, or null when it does:
     * literal counts within the literals, offsets within what precedes them, and every byte
     * accounted for.
     */
    static String implausible(ByteBuffer area, int seqs, int seqNum, int litNum, int overflow, int input) {
        if (litNum < 0 || litNum > input || seqNum < 0) {
            return "literal count " + litNum + " for " + input + " input bytes";
        }
        long out = 0;
        long lits = 0;
        for (int n = 0; n < seqNum; n++) {
            int at = seqs + n * RECORD;
            long offBase = area.getInt(at) & 0xffffffffL;
            long lit = literalLength(area, at, n, overflow);
            long ml = (area.getShort(at + 6) & 0xffff) + MIN_MATCH;
            lits += lit;
            out += lit;
            if (lits > litNum || offBase <= REPEAT_CODES || offBase - REPEAT_CODES > out) {
                return "sequence " + n + " (offset code " + offBase + ", literals " + lit + ") is outside the data";
            }
            out += ml;
        }
        if (out + litNum - lits != input) {
            return "the sequences and literals describe " + (out + litNum - lits) + " bytes, not " + input;
        }
        return null;
    }

    private static long literalLength(ByteBuffer area, int at, int n, int overflow) {
        long lit = area.getShort(at + 4) & 0xffff;
        int count = overflow >>> 24;
        if (count != 0 && (overflow & 0xffffff) == n) {
            lit += (long) count << 16;
        }
        return lit;
    }

    /**
     * Writes one compressed block (header included) into {@code out} from offset 0.
     *
     * @return its length, or -1 when it would not be smaller than {@code limit} bytes
     */
    int compressed(ByteBuffer area, int lits, int litNum, int seqs, int seqNum, int overflow, boolean last,
            byte[] out, int limit) {
        int rawSection = (litNum < 32 ? 1 : litNum < 4096 ? 2 : 3) + litNum;
        int p = huffman.write(area, lits, litNum, out, BLOCK_HEADER, Math.min(limit, BLOCK_HEADER + rawSection));
        if (p < 0) {
            p = rawLiterals(area, lits, litNum, out, limit);
            if (p < 0) {
                return -1;
            }
        }
        if (p + 4 > limit) {
            return -1;
        }
        // Sequences section header: the count, then all three tables predefined
        if (seqNum < 128) {
            out[p++] = (byte) seqNum;
        } else if (seqNum < 0x7F00) {
            out[p++] = (byte) ((seqNum >>> 8) + 0x80);
            out[p++] = (byte) seqNum;
        } else {
            out[p++] = (byte) 0xFF;
            out[p++] = (byte) (seqNum - 0x7F00);
            out[p++] = (byte) ((seqNum - 0x7F00) >>> 8);
        }
        if (seqNum > 0) {
            out[p++] = 0; // Literals_Lengths_Mode, Offsets_Mode, Match_Lengths_Mode: Predefined
            p = sequences(area, seqs, seqNum, overflow, out, p, limit);
            if (p < 0) {
                return -1;
            }
        }
        int content = p - BLOCK_HEADER;
        int header = content << 3 | COMPRESSED << 1 | (last ? 1 : 0);
        out[0] = (byte) header;
        out[1] = (byte) (header >>> 8);
        out[2] = (byte) (header >>> 16);
        return p;
    }

    /** A Raw_Literals_Block with the shortest size format, after the block header; -1 when it does not fit. */
    private static int rawLiterals(ByteBuffer area, int lits, int litNum, byte[] out, int limit) {
        int p = BLOCK_HEADER;
        if (p + 3 + litNum > limit) {
            return -1;
        }
        if (litNum < 32) {
            out[p++] = (byte) (litNum << 3);
        } else if (litNum < 4096) {
            out[p++] = (byte) (1 << 2 | litNum << 4);
            out[p++] = (byte) (litNum >>> 4);
        } else {
            out[p++] = (byte) (3 << 2 | litNum << 4);
            out[p++] = (byte) (litNum >>> 4);
            out[p++] = (byte) (litNum >>> 12);
        }
        area.get(lits, out, p, litNum);
        return p + litNum;
    }

    /** The sequences bit stream, last sequence first (the decoder reads it backwards). */
    private int sequences(ByteBuffer area, int seqs, int seqNum, int overflow, byte[] out, int p, int limit) {
        FseTable llt = FseTable.LITERAL_LENGTHS;
        FseTable mlt = FseTable.MATCH_LENGTHS;
        FseTable oft = FseTable.OFFSETS;
        bits.start(out, p, limit);
        int n = seqNum - 1;
        int at = seqs + n * RECORD;
        int lit = (int) literalLength(area, at, n, overflow);
        int mlBase = area.getShort(at + 6) & 0xffff;
        int offBase = area.getInt(at);
        int llCode = literalLengthCode(lit);
        int mlCode = matchLengthCode(mlBase);
        int ofCode = 31 - Integer.numberOfLeadingZeros(offBase);
        int llState = llt.initialState(llCode);
        int mlState = mlt.initialState(mlCode);
        int ofState = oft.initialState(ofCode);
        extraBits(lit, llCode, mlBase, mlCode, offBase, ofCode);
        for (n = seqNum - 2; n >= 0; n--) {
            at = seqs + n * RECORD;
            lit = (int) literalLength(area, at, n, overflow);
            mlBase = area.getShort(at + 6) & 0xffff;
            offBase = area.getInt(at);
            llCode = literalLengthCode(lit);
            mlCode = matchLengthCode(mlBase);
            ofCode = 31 - Integer.numberOfLeadingZeros(offBase);
            ofState = oft.encode(bits, ofState, ofCode);
            mlState = mlt.encode(bits, mlState, mlCode);
            llState = llt.encode(bits, llState, llCode);
            extraBits(lit, llCode, mlBase, mlCode, offBase, ofCode);
        }
        mlt.flush(bits, mlState);
        oft.flush(bits, ofState);
        llt.flush(bits, llState);
        int end = bits.close();
        return bits.overflowed() ? -1 : end;
    }

    private void extraBits(int lit, int llCode, int mlBase, int mlCode, int offBase, int ofCode) {
        bits.add(lit - LL_BASE[llCode], LL_BITS[llCode]);
        bits.add(mlBase - ML_BASE[mlCode], ML_BITS[mlCode]);
        bits.add(offBase, ofCode); // the low ofCode bits: offBase - 2^ofCode
    }

    // Literal-length and match-length codes (RFC 8878 3.1.1.3.2.1.1): baselines and extra bits;
    // match lengths here are counted from 3 (the record's match length - 3).
    private static final int[] LL_BASE = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64,
        128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};
    private static final int[] LL_BITS = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6,
        7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final int[] ML_BASE = new int[53];
    private static final int[] ML_BITS = new int[53];

    static {
        int[] base = {32, 34, 36, 38, 40, 44, 48, 56, 64, 80, 96, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
            32768, 65536};
        int[] extra = {1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        for (int c = 0; c < 32; c++) {
            ML_BASE[c] = c;
        }
        System.arraycopy(base, 0, ML_BASE, 32, base.length);
        System.arraycopy(extra, 0, ML_BITS, 32, extra.length);
    }

    static int literalLengthCode(int lit) {
        if (lit < 16) {
            return lit;
        }
        if (lit >= 64) {
            return 31 - Integer.numberOfLeadingZeros(lit) + 19;
        }
        int c = 24;
        while (LL_BASE[c] > lit) {
            c--;
        }
        return c;
    }

    static int matchLengthCode(int mlBase) {
        if (mlBase < 32) {
            return mlBase;
        }
        if (mlBase >= 128) {
            return 31 - Integer.numberOfLeadingZeros(mlBase) + 36;
        }
        int c = 42;
        while (ML_BASE[c] > mlBase) {
            c--;
        }
        return c;
    }
}
