package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.format.Lz4FrameWriter;
import io.warpdrive.lib.format.Lz4Format;
import java.nio.ByteBuffer;

/**
 * A stateless LZ4 compression on a v3 device: a standard LZ4 frame (independent blocks,
 * content size and content checksum) written by the shared {@link Lz4FrameWriter}, whose
 * blocks are the device's. One lz4 SQE per block; the device writes each block straight
 * into the frame behind the block's size field, with room for a block smaller than its
 * input only (a block that does not shrink is stored). The frame's block size is the
 * smallest that holds the whole request, at most 4 MiB (the frame format's largest, below
 * the device's 8 MiB limit): a larger request becomes several blocks of one frame.
 */
final class Lz4Compression implements ZipFlow {
    /** The size field in front of each block's data. */
    private static final int BLOCK_SIZE_FIELD = 4;

    @Override
    public boolean start(JobContext c) {
        Lz4FrameWriter writer = c.lz4().writer;
        long total = c.src.remaining();
        writer.start(blockSizeCode(total), false, true, total);
        if (c.outputRoom() < writer.headerSize()) {
            return FlowFailures.outputExhausted(c, "the LZ4 frame header");
        }
        int at = c.dst.position();
        writer.writeHeader(c.dst);
        c.dst.position(at);
        c.advance(0, writer.headerSize());
        return next(c);
    }

    /** The smallest block size code (4 to 7) whose blocks hold {@code total} bytes, else 7. */
    static int blockSizeCode(long total) {
        int code = 4;
        while (code < 7 && Lz4Format.blockMaxSize(code) < total) {
            code++;
        }
        return code;
    }

    /** Sends the next block to the device, or ends the frame; blocks with no room to shrink are stored on the spot. */
    private boolean next(JobContext c) {
        Lz4DeviceFrame frame = c.lz4();
        while (c.src.hasRemaining()) {
            int chunk = Math.min(c.src.remaining(), frame.writer.blockMaxSize());
            // only a block smaller than its input is worth the device's time
            long space = Math.min(chunk - 1, c.outputRoom() - BLOCK_SIZE_FIELD);
            if (space > 0) {
                c.sentInput = chunk;
                c.sentSpace = (int) space;
                c.sqe.stateless(Algorithm.LZ4, WindowSize.W32K, 3, c.tag, c.sourceAddress(), chunk,
                        c.destinationAddress() + BLOCK_SIZE_FIELD, (int) space);
                return true;
            }
            frame.offer(0, -1);
            if (!writeBlock(c, chunk)) {
                return false;
            }
        }
        return end(c);
    }

    @Override
    public boolean completed(JobContext c) {
        ZipResult r = c.result;
        int chunk = c.sentInput;
        int data = c.dst.position() + BLOCK_SIZE_FIELD;
        if (r.status == ZipStatus.OUTPUT_TOO_SMALL) {
            c.lz4().offer(data, -1); // the block does not shrink: stored
        } else if (!ZipStatus.isSuccess(r.status)) {
            return FlowFailures.status(c, "lz4 compression");
        } else {
            if (r.consumed != chunk || r.produced <= 0 || r.produced > c.sentSpace) {
                return c.fail(WdStatus.DEVICE_ERROR, "the device reported " + r.consumed + " bytes consumed and "
                        + r.produced + " produced for an lz4 request of " + chunk + " bytes with " + c.sentSpace
                        + " bytes of room");
            }
            String wrong = Lz4BlockCheck.implausible(c.dst, data, r.produced, chunk);
            if (wrong != null) {
                return c.fail(WdStatus.DEVICE_ERROR, "the device's LZ4 block does not describe the input: " + wrong);
            }
            c.lz4().offer(data, r.produced);
        }
        return writeBlock(c, chunk) && next(c);
    }

    /** Has the writer frame the next {@code chunk} input bytes (the device's block, or stored); false when it fails. */
    private static boolean writeBlock(JobContext c, int chunk) {
        ByteBuffer dst = c.dst;
        int at = dst.position();
        int limit = dst.limit();
        dst.limit(at + (int) c.outputRoom()); // the writer sees the output limit as the destination's end
        int written;
        try {
            c.lz4().writer.writeBlock(c.src, c.src.position(), chunk, dst);
            written = dst.position() - at;
        } catch (WdException e) {
            dst.limit(limit);
            dst.position(at);
            return e.status() == WdStatus.OUTPUT_TOO_SMALL ? FlowFailures.outputExhausted(c, "the LZ4 frame")
                    : c.fail(e);
        }
        dst.limit(limit);
        dst.position(at);
        c.advance(chunk, written);
        return true;
    }

    private static boolean end(JobContext c) {
        Lz4FrameWriter writer = c.lz4().writer;
        if (c.outputRoom() < writer.endSize()) {
            return FlowFailures.outputExhausted(c, "the end of the LZ4 frame");
        }
        int at = c.dst.position();
        writer.writeEnd(c.dst);
        c.dst.position(at);
        c.advance(0, writer.endSize());
        return c.succeed(true);
    }
}
