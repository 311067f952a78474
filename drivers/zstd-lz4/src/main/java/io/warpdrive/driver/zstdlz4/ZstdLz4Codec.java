package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.cpu.CpuCodec;

/**
 * The codec a worker thread runs this driver's jobs with: a {@link ZstdCodec} and an
 * {@link Lz4Codec}, each kept from job to job, and the job's algorithm chooses. Not thread-safe.
 */
final class ZstdLz4Codec implements CpuCodec {
    private final ZstdCodec zstd = new ZstdCodec();
    private final Lz4Codec lz4 = new Lz4Codec();
    private boolean closed;

    /**
     * @return end of stream: true for a stateless job that succeeds; for a stream job as its
     *         stream says
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, OUTPUT_TOO_SMALL,
     *         OUTPUT_LIMIT_EXCEEDED, UNSUPPORTED, INVALID_ARGUMENT, INVALID_STATE, and INTERNAL
     *         for anything unexpected; never any other exception
     */
    @Override
    public boolean execute(Job job) {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the zstd-lz4 codec is closed");
        }
        if (job == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no job");
        }
        JobChecks.checkKind(ZstdLz4Driver.INFO, job.algorithm(), job.operation());
        StreamState state = job.stream();
        if (state != null) {
            if (!(state instanceof CodecStream) || ((CodecStream) state).algorithm() != job.algorithm()) {
                throw new WdException(WdStatus.INVALID_ARGUMENT, "the job's stream state was not made by the "
                        + ZstdLz4Driver.NAME + " driver for " + job.algorithm().uadkName() + ": "
                        + state.getClass().getName());
            }
            return ((CodecStream) state).process(job.operation(), job.source(), job.destination(), job.flush(),
                    job.outputLimit());
        }
        JobChecks.checkBuffers(job.source(), job.destination(), job.outputLimit());
        try {
            if (job.algorithm() == Algorithm.LZ4) {
                lz4.run(job);
            } else {
                zstd.run(job);
            }
            return true;
        } catch (WdException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WdException(WdStatus.INTERNAL, "the " + job.algorithm().uadkName() + " codec failed: " + e, e);
        }
    }

    /** Frees zstd's native contexts now. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        zstd.close();
    }
}
