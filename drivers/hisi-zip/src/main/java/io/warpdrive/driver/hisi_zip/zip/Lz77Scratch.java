package io.warpdrive.driver.hisi_zip.zip;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What a job slot keeps for lz77_zstd, made on its first zstd job and reused: the device's
 * output area (literals, then sequences with their tail) and the block being encoded.
 *
 * <p>The sequences get room for one per 3 input bytes (the shortest match), so a request
 * never runs out of it; should a device still answer "output too small", the input goes into
 * a raw block. About 512 KiB of direct memory per slot that has served zstd.
 */
final class Lz77Scratch {
    /** Literals: the input plus the 16 bytes UADK reserves ({@code ZSTD_LIT_RESV_SIZE}). */
    static final int LITERALS_SPACE = ZstdBlocks.MAX_BLOCK + 16;
    static final int SEQUENCES_OFFSET = ZstdBlocks.MAX_BLOCK + 64;
    static final int SEQUENCES_SPACE = ZstdBlocks.MAX_BLOCK / 3 * ZstdBlocks.RECORD + 1024;

    final ByteBuffer area = ByteBuffer.allocateDirect(SEQUENCES_OFFSET + SEQUENCES_SPACE)
            .order(ByteOrder.LITTLE_ENDIAN);
    final long address = Pointer.nativeValue(Native.getDirectBufferPointer(area));
    /** One block with its header; a compressed block longer than the raw one is not kept. */
    final byte[] block = new byte[ZstdBlocks.BLOCK_HEADER + ZstdBlocks.MAX_BLOCK];
    final ZstdBlocks encoder = new ZstdBlocks();
}
