package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.format.Lz4FrameDecoder;
import io.warpdrive.lib.format.Lz4FrameWriter;
import io.warpdrive.lib.format.SgInput;
import java.nio.ByteBuffer;

/**
 * The LZ4 half of a worker's codec: the block engine, the frame writer and decoder and a
 * {@link Lz4Pipe}, all kept from job to job. A stateless compression whose source and
 * destination are one buffer each writes the frame straight into the destination, block by
 * block from the source in place; any other layout goes through the pipe. Frames written
 * have independent 64 KiB blocks, the content size and a content checksum; decompression
 * reads every frame of the input. Not thread-safe.
 */
final class Lz4Codec {
    private final Lz4Blocks blocks = new Lz4Blocks();
    private final Lz4FrameWriter writer = new Lz4FrameWriter(blocks);
    private final Lz4Pipe pipe = new Lz4Pipe(blocks);
    private final Lz4FrameDecoder decoder = new Lz4FrameDecoder(blocks);
    private final SgInput input = new SgInput();
    private final SgOutput output = new SgOutput();

    /**
     * Runs a stateless job whose buffers the caller has checked.
     *
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, OUTPUT_TOO_SMALL,
     *         OUTPUT_LIMIT_EXCEEDED, UNSUPPORTED (a dictionary, the legacy format), INVALID_ARGUMENT
     */
    void run(Job job) {
        output.start(job.destination(), job.outputLimit());
        try {
            if (job.operation() == Operation.COMPRESS) {
                compress(job.level(), job.frame(), job.source(), job.destination());
            } else {
                decompress(job.source());
            }
        } finally {
            output.finish();
            input.clear();
        }
    }

    private void compress(int level, FrameOptions frame, SgList src, SgList dst) {
        ByteBuffer s = src.firstRemaining();
        ByteBuffer d = dst.firstRemaining();
        long total = src.remaining();
        if (s != null && d != null && src.isFlat() && dst.isFlat()) {
            blocks.level(level);
            compressInPlace(s, d, frame);
            return;
        }
        pipe.start(level, frame.contentSize() ? total : -1, frame.contentChecksum());
        if (!pipe.compress(src, output, Flush.FINISH)) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination is too small for the LZ4 frame of "
                    + total + " bytes");
        }
    }

    /** One frame from {@code s} in place into {@code d}, whose limit is lowered to the output limit meanwhile. */
    private void compressInPlace(ByteBuffer s, ByteBuffer d, FrameOptions frame) {
        int start = d.position();
        int limit = d.limit();
        boolean limitBinds = output.limitBinds(d.remaining());
        if (limitBinds) {
            d.limit(start + (int) output.allowance());
        }
        try {
            writer.start(Lz4Pipe.BLOCK_SIZE_CODE, false, frame.contentChecksum(),
                    frame.contentSize() ? s.remaining() : -1);
            writer.writeHeader(d);
            int block = writer.blockMaxSize();
            for (int at = s.position(); at < s.limit(); at += block) {
                writer.writeBlock(s, at, Math.min(block, s.limit() - at), d);
            }
            writer.writeEnd(d);
            s.position(s.limit());
            output.wrote(d.position() - start);
        } catch (WdException e) {
            d.position(start);
            if (limitBinds && e.status() == WdStatus.OUTPUT_TOO_SMALL) {
                throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "the LZ4 frame exceeds the output limit of "
                        + output.allowance() + " bytes", e);
            }
            throw e;
        } finally {
            d.limit(limit);
        }
    }

    private void decompress(SgList src) {
        decoder.reset();
        input.start(src);
        decoder.decodeAll(input, output);
    }
}
