package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.lib.JobChecks;

/**
 * The state of one zstd stream: its own context (the window must survive from one job to the
 * next) and pipe (output that did not fit waits for the next job).
 */
class ZstdStream extends CodecStream {
    private final ZstdCompressCtx compressor;
    private final ZstdDecompressCtx decompressor;
    private final ZstdPipe pipe = new ZstdPipe();

    /** @throws io.warpdrive.comp.WdException INVALID_ARGUMENT for a missing operation or, when compressing, not a zstd level */
    ZstdStream(Operation operation, int level, FrameOptions frame) {
        super(Algorithm.ZSTD, operation);
        if (operation == Operation.COMPRESS) {
            JobChecks.checkLevel(Algorithm.ZSTD, level);
            compressor = new ZstdCompressCtx().setLevel(level);
            ZstdCodec.apply(compressor, frame);
            decompressor = null;
        } else {
            decompressor = new ZstdDecompressCtx();
            compressor = null;
        }
    }

    /**
     * Compress: NONE buffers in zstd, SYNC and FULL flush what is buffered (a reader gets every
     * byte so far), FINISH ends the frame; a FINISH job repeated until it returns true, and a
     * later job starts the next frame. Decompress: every frame in the input, as far as the
     * destination takes; FINISH means no more input comes, so a frame not ended is
     * TRUNCATED_INPUT.
     *
     * @return end of stream: compress finished the frame; decompress ended at a frame's end
     *         with nothing pending
     */
    @Override
    boolean run(SgList src, Flush flush) {
        if (operation() == Operation.COMPRESS) {
            EndDirective end = flush == Flush.NONE ? EndDirective.CONTINUE
                    : flush == Flush.FINISH ? EndDirective.END : EndDirective.FLUSH;
            return pipe.compress(compressor, src, output, end) && flush == Flush.FINISH;
        }
        return pipe.decompress(decompressor, src, output, flush == Flush.FINISH);
    }

    /** Frees the context's native memory. */
    @Override
    void release() {
        if (compressor != null) {
            compressor.close();
        }
        if (decompressor != null) {
            decompressor.close();
        }
    }
}
