package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;

/**
 * A stateless zstd compression on a v3 device: the driver writes the frame header, then one
 * lz77_zstd SQE per 128 KiB of input; after each, the CPU entropy-codes the device's
 * sequences into one block ({@link ZstdBlocks}), or stores the input as a raw block when that
 * is smaller or the sequences did not fit. The last block ends the frame.
 */
final class Lz77ZstdCompression implements ZipFlow {
    /** zstd levels from here on ask the device for its price mode (UADK's WD_COMP_L9). */
    static final int PRICE_MODE_LEVEL = 10;

    @Override
    public boolean start(JobContext c) {
        byte[] header = ZstdBlocks.FRAME_HEADER;
        if (c.outputRoom() < header.length) {
            return FlowFailures.outputExhausted(c, "the zstd frame header");
        }
        c.dst.put(c.dst.position(), header);
        c.advance(0, header.length);
        return next(c);
    }

    /** Sends the next 128 KiB, or for an empty input ends the frame with an empty raw block. */
    private boolean next(JobContext c) {
        int input = c.src.remaining();
        if (input == 0) {
            return rawBlock(c, 0, true) && c.succeed(true);
        }
        Lz77Scratch s = c.lz77();
        c.sentInput = Math.min(input, ZstdBlocks.MAX_BLOCK);
        c.sentSpace = Lz77Scratch.SEQUENCES_SPACE;
        int code = c.job.level() >= PRICE_MODE_LEVEL ? ZipSqe.LZ77_ZSTD_PRICE : ZipSqe.algorithmCode(c.algorithm);
        c.sqe.lz77Zstd(code, WindowSize.W32K, c.tag, c.sourceAddress(), c.sentInput,
                s.address + Lz77Scratch.SEQUENCES_OFFSET, Lz77Scratch.SEQUENCES_SPACE, s.address,
                Lz77Scratch.LITERALS_SPACE);
        return true;
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        int chunk = c.sentInput;
        boolean last = chunk == c.src.remaining();
        if (r.status == ZipStatus.OUTPUT_TOO_SMALL) {
            // more sequences than the scratch holds: the chunk hardly compresses, store it
            return rawBlock(c, chunk, last) && more(c, last);
        }
        if (!ZipStatus.isSuccess(r.status)) {
            return FlowFailures.status(c, "lz77_zstd compression");
        }
        Lz77Scratch s = c.lz77();
        int seqNum = r.produced;
        if (r.consumed != chunk || seqNum < 0
                || (long) seqNum * ZstdBlocks.RECORD + ZstdBlocks.RECORD_TAIL > Lz77Scratch.SEQUENCES_SPACE) {
            return c.fail(WdStatus.DEVICE_ERROR, "the device reported " + r.consumed + " bytes consumed and "
                    + seqNum + " sequences for an lz77_zstd request of " + chunk + " bytes");
        }
        String wrong = ZstdBlocks.implausible(s.area, Lz77Scratch.SEQUENCES_OFFSET, seqNum, r.literals,
                r.checksum, chunk);
        if (wrong != null) {
            return c.fail(WdStatus.DEVICE_ERROR, "lz77_zstd output does not describe the input: " + wrong);
        }
        // a compressed block only when it is smaller than the raw one
        int n = s.encoder.compressed(s.area, 0, r.literals, Lz77Scratch.SEQUENCES_OFFSET, seqNum, r.checksum, last,
                s.block, Math.min(s.block.length, ZstdBlocks.BLOCK_HEADER + chunk));
        if (n < 0) {
            return rawBlock(c, chunk, last) && more(c, last);
        }
        if (c.outputRoom() < n) {
            return FlowFailures.outputExhausted(c, "the zstd frame");
        }
        c.dst.put(c.dst.position(), s.block, 0, n);
        c.advance(chunk, n);
        return more(c, last);
    }

    private boolean more(JobContext c, boolean last) {
        return last ? c.succeed(true) : next(c);
    }

    /** A raw block of the next {@code length} input bytes (consumed); false when it does not fit. */
    private static boolean rawBlock(JobContext c, int length, boolean last) {
        int size = ZstdBlocks.BLOCK_HEADER + length;
        if (c.outputRoom() < size) {
            return FlowFailures.outputExhausted(c, "the zstd frame");
        }
        ByteBuffer dst = c.dst;
        int at = dst.position();
        int header = ZstdBlocks.rawHeader(length, last);
        dst.put(at, (byte) header);
        dst.put(at + 1, (byte) (header >>> 8));
        dst.put(at + 2, (byte) (header >>> 16));
        dst.put(at + ZstdBlocks.BLOCK_HEADER, c.src, c.src.position(), length);
        c.advance(length, size);
        return true;
    }
}
