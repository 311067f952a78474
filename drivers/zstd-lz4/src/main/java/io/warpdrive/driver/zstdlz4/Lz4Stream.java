package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.lib.format.Lz4FrameDecoder;
import io.warpdrive.lib.format.SgInput;

/**
 * The state of one LZ4 stream: its pipe (a partial block and output that did not fit) or its
 * frame decoder (header fields, a partial block, the 64 KiB history of linked blocks and
 * decoded bytes that did not fit). Nothing native.
 */
final class Lz4Stream extends CodecStream {
    private final Lz4Pipe pipe;
    private final Lz4FrameDecoder decoder;
    private final SgInput input = new SgInput();

    /** @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a missing operation or, when compressing, not an LZ4 level */
    Lz4Stream(Operation operation, int level, FrameOptions frame) {
        super(Algorithm.LZ4, operation);
        Lz4Blocks blocks = new Lz4Blocks();
        if (operation == Operation.COMPRESS) {
            pipe = new Lz4Pipe(blocks);
            pipe.start(level, -1, frame.contentChecksum());
            decoder = null;
        } else {
            decoder = new Lz4FrameDecoder(blocks);
            pipe = null;
        }
    }

    /**
     * Compress: NONE keeps a partial block, SYNC and FULL write it (a reader gets every byte so
     * far), FINISH ends the frame; a FINISH job repeated until it returns true, and a later job
     * starts the next frame. Decompress: every frame in the input, as far as the destination
     * takes; FINISH means no more input comes, so a frame not ended is TRUNCATED_INPUT.
     *
     * @return end of stream: compress finished the frame; decompress ended at a frame's end
     *         with nothing pending
     */
    @Override
    boolean run(SgList src, Flush flush) {
        if (operation() == Operation.COMPRESS) {
            return pipe.compress(src, output, flush) && flush == Flush.FINISH;
        }
        input.start(src);
        return decoder.decode(input, output, flush == Flush.FINISH) == Lz4FrameDecoder.Stop.ENDED;
    }

    @Override
    void jobEnded() {
        input.clear();
    }
}
