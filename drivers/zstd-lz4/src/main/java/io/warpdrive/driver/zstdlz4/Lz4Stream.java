package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.format.Lz4FrameDecoder;
import io.warpdrive.lib.format.SgInput;

/**
 * The state of one LZ4 stream: its pipe (a partial block and output that did not fit) or its
 * frame decoder (header fields, a partial block, the 64 KiB history of linked blocks and
 * decoded bytes that did not fit), which travel with the stream's jobs to whichever worker
 * serves them; the platform runs one job of a stream at a time. Nothing native: closing
 * only breaks it. After any failure the stream is broken: later jobs fail with INVALID_STATE.
 */
final class Lz4Stream implements StreamState {
    private final Operation operation;
    private final Lz4Pipe pipe;
    private final Lz4FrameDecoder decoder;
    private final SgInput input = new SgInput();
    private final SgOutput output = new SgOutput();
    private boolean broken;
    private volatile boolean closed;

    /** @throws WdException INVALID_ARGUMENT for a missing operation or, when compressing, not an LZ4 level */
    Lz4Stream(Operation operation, int level) {
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no operation given");
        }
        this.operation = operation;
        Lz4Blocks blocks = new Lz4Blocks();
        if (operation == Operation.COMPRESS) {
            pipe = new Lz4Pipe(blocks);
            pipe.start(level, -1);
            decoder = null;
        } else {
            decoder = new Lz4FrameDecoder(blocks);
            pipe = null;
        }
    }

    /**
     * One job of the stream. Compress: NONE keeps a partial block, SYNC and FULL write it (a
     * reader gets every byte so far), FINISH ends the frame; a FINISH job repeated until it
     * returns true, and a later job starts the next frame. Decompress: every frame in the
     * input, as far as the destination takes; FINISH means no more input comes, so a frame
     * not ended is TRUNCATED_INPUT.
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
                return pipe.compress(src, output, flush) && flush == Flush.FINISH;
            }
            input.start(src);
            return decoder.decode(input, output, flush == Flush.FINISH) == Lz4FrameDecoder.Stop.ENDED;
        } catch (WdException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw new WdException(WdStatus.INTERNAL, "the LZ4 stream failed: " + e, e);
        } finally {
            output.finish();
            input.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
