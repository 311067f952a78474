package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A hisi_zip SQE (128 bytes, 32 little-endian u32) being composed before it is copied into
 * the SQ, one per job slot so composing needs no lock and no allocation. Field layout from
 * the reference (UADK's {@code hisi_zip_sqe}):
 *
 * <pre>
 * dw4  input length          dw7  [25] FINISH flush, [26] stateful, [27] stream new, [31:28] SQE type
 * dw9  [7:0] alg (1 deflate, 2 zlib, 3 gzip), [11:8] buffer type (0 flat), [15:12] window (0 4K .. 4 32K)
 * dw13 tag (SQE type 0)      dw14 output space          dw18/19 source   dw20/21 destination (process VAs: SVA)
 * dw22/23 64 KiB stream context (stateful)    dw26 tag (SQE type 3)    dw30 ISIZE carry    dw31 checksum carry
 * lz77_zstd (v3, SQE type 3): dw13 literals space, dw24/25 literals, dw20/21 sequences; results dw1 sequence
 * count, dw2 literal count, dw31 literal-length overflow
 * </pre>
 */
public final class ZipSqe {
    public static final int SIZE = 128;

    // dword indices of the fields the driver writes or reads back
    static final int CONSUMED = 0;
    static final int PRODUCED = 1;
    static final int COMP_LENGTH = 2;
    static final int DW3 = 3;
    static final int INPUT_LENGTH = 4;
    static final int DW7 = 7;
    static final int DW9 = 9;
    static final int TAG_TYPE0 = 13;
    static final int OUTPUT_SPACE = 14;
    static final int CTX_DW0 = 15;
    static final int SOURCE_LOW = 18;
    static final int DESTINATION_LOW = 20;
    static final int CONTEXT_LOW = 22;
    static final int LITERALS_LOW = 24;
    static final int LITERALS_SPACE = 13;
    static final int TAG_TYPE3 = 26;
    static final int ISIZE = 30;
    static final int CHECKSUM = 31;

    static final int FLUSH_FINISH = 1 << 25;
    static final int STATEFUL = 1 << 26;
    static final int STREAM_NEW = 1 << 27;
    static final int SQE_TYPE_SHIFT = 28;
    static final int WINDOW_SHIFT = 12;
    static final int STATUS_MASK = 0xff;
    static final int LAST_BLOCK = 0x100;
    static final int CTX_STATUS_MASK = 0xf;
    static final int BFINAL = 0x80;

    private final ByteBuffer image = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);

    /** lz77_zstd in price mode (UADK's WD_COMP_L9): a deeper search. */
    static final int LZ77_ZSTD_PRICE = 0x42;

    /** The request/alg code of dw9[7:0] (lz77_zstd in normal mode for zstd). */
    static int algorithmCode(Algorithm a) {
        switch (a) {
            case DEFLATE:
                return 0x01;
            case ZLIB:
                return 0x02;
            case LZ4:
                return 0x04;
            case ZSTD:
                return 0x43;
            default:
                return 0x03;
        }
    }

    /** Which dword carries the tag: dw13 for SQE type 0, dw26 for type 3. */
    public static int tagWord(int sqeType) {
        return sqeType == 0 ? TAG_TYPE0 : TAG_TYPE3;
    }

    /** A stateless request: the whole input, FINISH, no stream context. */
    void stateless(Algorithm algorithm, WindowSize window, int sqeType, int tag, long source, int inputLength,
            long destination, int outputSpace) {
        common(algorithm, window, sqeType, tag, source, inputLength, destination, outputSpace);
        word(DW7, sqeType << SQE_TYPE_SHIFT);
    }

    /**
     * An lz77_zstd request (SQE type 3): literals to {@code literals} (at most
     * {@code literalsSpace} bytes), sequences and their tail to {@code sequences}.
     */
    void lz77Zstd(int code, WindowSize window, int tag, long source, int inputLength, long sequences,
            int sequencesSpace, long literals, int literalsSpace) {
        common(Algorithm.ZSTD, window, 3, tag, source, inputLength, sequences, sequencesSpace);
        word(DW7, 3 << SQE_TYPE_SHIFT);
        word(DW9, code | window.uadkCode() << WINDOW_SHIFT);
        word(LITERALS_SPACE, literalsSpace);
        address(LITERALS_LOW, literals);
    }

    /**
     * A stateful request of a stream whose state lives in the 64 KiB context at
     * {@code context}; the checksum and ISIZE carries travel in dw31 and dw30.
     */
    void stateful(Algorithm algorithm, WindowSize window, int sqeType, int tag, long source, int inputLength,
            long destination, int outputSpace, long context, boolean newStream, boolean finish, int isize,
            int checksum) {
        common(algorithm, window, sqeType, tag, source, inputLength, destination, outputSpace);
        word(DW7, sqeType << SQE_TYPE_SHIFT | STATEFUL | (newStream ? STREAM_NEW : 0) | (finish ? FLUSH_FINISH : 0));
        address(CONTEXT_LOW, context);
        word(ISIZE, isize);
        word(CHECKSUM, checksum);
    }

    private void common(Algorithm algorithm, WindowSize window, int sqeType, int tag, long source, int inputLength,
            long destination, int outputSpace) {
        for (int i = 0; i < SIZE; i += 8) {
            image.putLong(i, 0);
        }
        word(INPUT_LENGTH, inputLength);
        word(OUTPUT_SPACE, outputSpace);
        word(DW9, algorithmCode(algorithm) | window.uadkCode() << WINDOW_SHIFT);
        word(tagWord(sqeType), tag);
        address(SOURCE_LOW, source);
        address(DESTINATION_LOW, destination);
    }

    private void word(int dword, int value) {
        image.putInt(dword * 4, value);
    }

    /** A 64-bit address as its low word then its high word. */
    private void address(int lowDword, long address) {
        word(lowDword, (int) address);
        word(lowDword + 1, (int) (address >>> 32));
    }

    /** A word of the composed SQE (for tests). */
    int word(int dword) {
        return image.getInt(dword * 4);
    }

    /** The composed 128 bytes, for the ring to copy. */
    public ByteBuffer image() {
        return image;
    }
}
