package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;

/**
 * What a stream of either algorithm shares: its operation, the checks every job of it passes,
 * its output, and the rule that any failure breaks it (later jobs fail with INVALID_STATE). The
 * state travels with the stream's jobs to whichever worker serves them; the platform runs one
 * job of a stream at a time.
 */
abstract class CodecStream implements StreamState {
    private final Algorithm algorithm;
    private final Operation operation;
    /** Where the job at hand writes; set for the job's run only. */
    final SgOutput output = new SgOutput();
    private boolean broken;
    private volatile boolean closed;

    /** @throws WdException INVALID_ARGUMENT for a missing operation */
    CodecStream(Algorithm algorithm, Operation operation) {
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no operation given");
        }
        this.algorithm = algorithm;
        this.operation = operation;
    }

    /**
     * One job of the stream.
     *
     * @return end of stream, as {@link #run} says
     */
    final boolean process(Operation jobOperation, SgList src, SgList dst, Flush flush, long outputLimit) {
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
            return run(src, flush);
        } catch (WdException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw new WdException(WdStatus.INTERNAL, "the " + algorithm.uadkName() + " stream failed: " + e, e);
        } finally {
            output.finish();
            jobEnded();
        }
    }

    /** Runs one job from {@code src} into {@link #output}; returns end of stream. */
    abstract boolean run(SgList src, Flush flush);

    /** Lets go of the job's buffers. */
    void jobEnded() {
    }

    Algorithm algorithm() {
        return algorithm;
    }

    Operation operation() {
        return operation;
    }

    /** Frees what the stream holds. Idempotent. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    /** Frees native state, once. */
    void release() {
    }
}
