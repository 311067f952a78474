package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SgList;
import io.warpdrive.lib.format.Lz4Format;
import io.warpdrive.lib.format.Lz4FrameWriter;
import java.nio.ByteBuffer;

/**
 * Compresses a job's bytes into LZ4 frames when they are not one buffer each (scatter-gather)
 * or belong to a stream: input is gathered into a block stage of 64 KiB, each full block is
 * compressed into an output stage and copied to the destination list; output that does not
 * fit stays pending for the next call (a stream's next job). Frames have independent 64 KiB
 * blocks and a content checksum, as {@link Lz4Codec} writes them. Both stages are allocated
 * once, so a steady state allocates nothing. Not thread-safe.
 */
final class Lz4Pipe {
    /** The blocks' maximum: 64 KiB (the size code 4), the size {@code Algorithm.LZ4.compressBound} assumes. */
    static final int BLOCK_SIZE_CODE = 4;
    static final int BLOCK = Lz4Format.blockMaxSize(BLOCK_SIZE_CODE);

    private final Lz4Blocks blocks;
    private final Lz4FrameWriter writer;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BLOCK);
    /** Pending output between position and limit ("read mode"). */
    private final ByteBuffer out = ByteBuffer.allocateDirect(Lz4Format.MAX_HEADER_SIZE + BLOCK
            + Lz4FrameWriter.BLOCK_OVERHEAD + Lz4FrameWriter.END_SIZE);
    private long contentSize;
    private boolean contentChecksum;
    private boolean headerWritten;
    /** The last frame ended and nothing has come since: a FINISH repeated writes no second frame. */
    private boolean finished;

    Lz4Pipe(Lz4Blocks blocks) {
        this.blocks = blocks;
        this.writer = new Lz4FrameWriter(blocks);
    }

    /**
     * Starts a new stream at {@code level}; its first frame declares {@code contentSize} (-1: none),
     * and its frames end with a content checksum when {@code contentChecksum}.
     *
     * @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a level that is not LZ4's
     */
    void start(int level, long contentSize, boolean contentChecksum) {
        blocks.level(level);
        this.contentSize = contentSize;
        this.contentChecksum = contentChecksum;
        startFrame();
        finished = false;
        out.clear().limit(0);
    }

    private void startFrame() {
        writer.start(BLOCK_SIZE_CODE, false, contentChecksum, contentSize);
        headerWritten = false;
        in.clear();
    }

    /**
     * Takes all of {@code src}. NONE keeps a partial block for later; SYNC and FULL write it as
     * a block (a reader gets every byte so far); FINISH also ends the frame, and the next input
     * starts another.
     *
     * @return true when all input is consumed and, for a flush, all of it written out; false
     *         when the destination filled up first (output stays pending, input may remain)
     */
    boolean compress(SgList src, SgOutput output, Flush flush) {
        if (!output.write(out)) {
            return false;
        }
        for (;;) {
            gather(src);
            boolean full = !in.hasRemaining();
            boolean srcEmpty = !src.hasRemaining();
            if (full || srcEmpty && flush != Flush.NONE && in.position() > 0) {
                out.clear();
                header();
                writer.writeBlock(in.flip(), 0, in.limit(), out);
                in.clear();
                if (!output.write(out.flip())) {
                    return false;
                }
                continue;
            }
            if (!srcEmpty) {
                continue;
            }
            if (flush == Flush.FINISH && !finished) {
                out.clear();
                header();
                writer.writeEnd(out);
                // Only the first frame of a stateless job declares the content size it was given.
                contentSize = -1;
                startFrame();
                finished = true;
                return output.write(out.flip());
            }
            return true;
        }
    }

    private void header() {
        if (!headerWritten) {
            writer.writeHeader(out);
            headerWritten = true;
        }
    }

    private void gather(SgList src) {
        for (int i = 0; i < src.size() && in.hasRemaining(); i++) {
            ByteBuffer segment = src.get(i);
            int n = Math.min(segment.remaining(), in.remaining());
            if (n > 0) {
                in.put(in.position(), segment, segment.position(), n);
                in.position(in.position() + n);
                segment.position(segment.position() + n);
                finished = false;
            }
        }
    }
}
