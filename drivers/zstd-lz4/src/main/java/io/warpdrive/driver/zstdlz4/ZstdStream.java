package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;

/**
 * The state of one zstd stream: its own context (the window must survive from one job to the
 * next) and pipe (output that did not fit waits for the next job). It travels with the
 * stream's jobs to whichever worker serves them; the platform runs one job of a stream at a
 * time. After any failure the stream is broken: later jobs fail with INVALID_STATE.
 */
class ZstdStream implements StreamState {
    private final Operation operation;
    private final ZstdCompressCtx compressor;
    private final ZstdDecompressCtx decompressor;
    private final ZstdPipe pipe = new ZstdPipe();
    private final SgOutput output = new SgOutput();
    private boolean broken;
    private volatile boolean closed;

    /** @throws WdException INVALID_ARGUMENT for a missing operation or, when compressing, not a zstd level */
    ZstdStream(Operation operation, int level) {
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no operation given");
        }
        this.operation = operation;
        if (operation == Operation.COMPRESS) {
            JobChecks.checkLevel(Algorithm.ZSTD, level);
            compressor = new ZstdCompressCtx().setLevel(level).setChecksum(true);
            decompressor = null;
        } else {
            decompressor = new ZstdDecompressCtx();
            compressor = null;
        }
    }

    /**
     * One job of the stream. Compress: NONE buffers in zstd, SYNC and FULL flush what is
     * buffered (a reader gets every byte so far), FINISH ends the frame; a FINISH job
     * repeated until it returns true, and a later job starts the next frame. Decompress: every
     * frame in the input, as far as the destination takes; FINISH means no more input comes,
     * so a frame not ended is TRUNCATED_INPUT.
     *
     * @return end of stream: compress finished the frame; decompress ended at a frame's end
     *         with nothing pending
     */
    boolean process(Operation jobOperation, SgList src, SgList dst, Flush flush, long outputLimit) {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the stream is closed");
        }
        if (broken) {
            throw new WdException(WdStatus.INVALID_STATE, "stream is broken after an earlier error");
        }
        if (jobOperation != operation) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a " + jobOperation + " job carries the state of a "
                    + operation + " stream");
        }
        try {
            JobChecks.checkBuffers(src, dst, outputLimit);
            JobChecks.checkFlush(flush);
            output.start(dst, outputLimit);
            if (operation == Operation.COMPRESS) {
                EndDirective end = flush == Flush.NONE ? EndDirective.CONTINUE
                        : flush == Flush.FINISH ? EndDirective.END : EndDirective.FLUSH;
                return pipe.compress(compressor, src, output, end) && flush == Flush.FINISH;
            }
            return pipe.decompress(decompressor, src, output, flush == Flush.FINISH);
        } catch (WdException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw new WdException(WdStatus.INTERNAL, "the zstd stream failed: " + e, e);
        } finally {
            output.finish();
        }
    }

    Operation operation() {
        return operation;
    }

    /** Frees the context's native memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (compressor != null) {
            compressor.close();
        }
        if (decompressor != null) {
            decompressor.close();
        }
    }
}
