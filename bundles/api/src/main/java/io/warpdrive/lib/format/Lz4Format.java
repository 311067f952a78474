package io.warpdrive.lib.format;

/**
 * The constants of the LZ4 frame format (lz4's "LZ4 Frame Format Description" 1.6.x):
 * magic numbers, the descriptor's flag bits and block maximum sizes, the block size
 * field's "stored uncompressed" bit. The writer and the decoder share them.
 *
 * @since 1.2
 */
public final class Lz4Format {
    /** The frame's magic number, little-endian on the wire. */
    public static final int MAGIC = 0x184D2204;
    /** Skippable frames have magic numbers 0x184D2A50 to 0x184D2A5F. */
    public static final int SKIPPABLE_MAGIC = 0x184D2A50;
    /** The magic of the legacy format ({@code lz4 -l}), which this package does not read. */
    public static final int LEGACY_MAGIC = 0x184C2102;
    /** The largest frame header: magic, FLG, BD, content size, dictionary ID, header checksum. */
    public static final int MAX_HEADER_SIZE = 4 + 2 + 8 + 4 + 1;
    /** How far back a match of a linked block may reach. */
    public static final int HISTORY = 64 << 10;

    static final int FLG_VERSION = 0x40;
    static final int FLG_VERSION_MASK = 0xc0;
    static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    static final int FLG_BLOCK_CHECKSUM = 0x10;
    static final int FLG_CONTENT_SIZE = 0x08;
    static final int FLG_CONTENT_CHECKSUM = 0x04;
    static final int FLG_RESERVED = 0x02;
    static final int FLG_DICTIONARY_ID = 0x01;
    static final int BD_SIZE_SHIFT = 4;
    static final int BD_RESERVED = 0x8f;
    /** The block size field's high bit: the block's data is stored uncompressed. */
    static final int BLOCK_STORED = 0x80000000;

    private Lz4Format() {
    }

    /** The block maximum size an BD byte's size code (4 to 7) names: 64 KiB, 256 KiB, 1 MiB, 4 MiB. */
    public static int blockMaxSize(int code) {
        return 1 << (8 + 2 * code);
    }

    /** The header checksum byte: the second byte of the XXH32 of the descriptor (FLG to the dictionary ID). */
    static int headerChecksum(java.nio.ByteBuffer descriptor, int offset, int length) {
        return (Xxh32.hash(descriptor, offset, length, 0) >>> 8) & 0xff;
    }
}
