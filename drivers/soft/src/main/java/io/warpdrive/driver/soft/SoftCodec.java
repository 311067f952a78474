package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.cpu.CpuCodec;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The codec a soft-driver worker thread runs jobs with: java.util.zip behind the
 * accelerator-like job interface. One per worker thread and not thread-safe.
 *
 * <p>Deflaters and inflaters hold native zlib memory (a deflater about 256 KiB) that is
 * costly to create and is only released by {@code end()} or, much later, by the garbage
 * collector. So a codec creates each one once, on first use, and keeps it: a raw and a
 * zlib-wrapped deflater per level, one raw inflater for everything, and reuses them for
 * every job after a reset; {@link #close()} ends them all deterministically. With the
 * framing state and checksums also preallocated, a job allocates nothing.
 *
 * <p>Stateless jobs are served here; a stream job is served by the {@link SoftStream} it
 * carries, which owns its deflater or inflater because its history must survive between
 * jobs that may run on different workers.
 */
final class SoftCodec implements CpuCodec {
    private final Deflater[] rawDeflaters = new Deflater[JobChecks.MAX_LEVEL + 1];
    private final Deflater[] zlibDeflaters = new Deflater[JobChecks.MAX_LEVEL + 1];
    private final Inflater inflater = new Inflater(true);
    private final Checksums checksums = new Checksums();
    private final FramedDeflater compressor = new FramedDeflater(checksums);
    private final FramedInflater decompressor = new FramedInflater(checksums);
    private boolean closed;

    /**
     * Runs a job: reads {@code job.source()}, writes {@code job.destination()}, advancing
     * their positions by what was consumed and produced. The caller then completes or
     * fails the job.
     *
     * <p>Stateless compress turns all input into one complete stream. Stateless
     * decompress decodes one zlib or deflate stream, or every concatenated gzip member;
     * bytes after the end that do not start another gzip member are left in the source.
     *
     * @return end of stream: always true for a stateless job that succeeds; for a stream
     *         job as {@link SoftStream#process} says
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH,
     *         OUTPUT_TOO_SMALL, OUTPUT_LIMIT_EXCEEDED, UNSUPPORTED (a window below 32 KiB for
     *         compress, a zlib preset dictionary), INVALID_ARGUMENT, INVALID_STATE; never
     *         any other exception
     */
    @Override
    public boolean execute(Job job) {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the soft codec is closed");
        }
        if (job == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no job");
        }
        if (job.stream() != null) {
            return executeStream(job, job.stream());
        }
        JobChecks.checkKind(SoftDriver.INFO, job.algorithm(), job.operation());
        JobChecks.checkBuffers(job.source(), job.destination(), job.outputLimit());
        try {
            if (job.operation() == Operation.COMPRESS) {
                compress(job);
            } else {
                decompress(job);
            }
            return true;
        } catch (WdException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WdException(WdStatus.INTERNAL, "the soft codec failed: " + e, e);
        } finally {
            reset();
        }
    }

    /** A stream job runs on the stream's own state, whichever worker serves it. */
    private static boolean executeStream(Job job, StreamState state) {
        if (!(state instanceof SoftStream)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "the job's stream state was not made by the soft driver: " + state.getClass().getName());
        }
        SoftStream stream = (SoftStream) state;
        if (job.operation() != stream.operation() || job.algorithm() != stream.algorithm()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a " + job.algorithm() + " " + job.operation()
                    + " job carries the state of a " + stream.algorithm() + " " + stream.operation() + " stream");
        }
        return stream.process(job.source(), job.destination(), job.flush(), job.outputLimit());
    }

    private void compress(Job job) {
        JobChecks.checkLevel(job.level());
        JobChecks.checkCompressionWindow(SoftDriver.INFO, job.window());
        compressor.start(job.algorithm(), job.level(), deflater(job.algorithm(), job.level()));
        SgList destination = job.destination();
        long room = destination.remaining();
        if (!compressor.process(job.source(), destination, Flush.FINISH, job.outputLimit())) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + room
                    + " bytes are too small for the compressed " + job.algorithm().uadkName() + " stream");
        }
    }

    private void decompress(Job job) {
        decompressor.start(job.algorithm(), inflater);
        decompressor.decodeAll(job.source(), job.destination(), job.outputLimit());
    }

    /** The cached deflater for the algorithm's wrapping and the level, created on first use. */
    private Deflater deflater(Algorithm algorithm, int level) {
        boolean zlib = algorithm == Algorithm.ZLIB;
        Deflater[] cache = zlib ? zlibDeflaters : rawDeflaters;
        if (cache[level] == null) {
            cache[level] = new Deflater(level, !zlib);
        }
        return cache[level];
    }

    /**
     * Drops whatever a job left behind (also one that failed half-way): resets the
     * deflater and inflater it used so they hold no state and no reference to the job's
     * buffers. {@link #execute} does this after every job.
     */
    void reset() {
        compressor.detach();
        decompressor.detach();
    }

    /** Ends every deflater and inflater, releasing their native memory now. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int level = 0; level <= JobChecks.MAX_LEVEL; level++) {
            end(rawDeflaters, level);
            end(zlibDeflaters, level);
        }
        inflater.end();
    }

    private static void end(Deflater[] cache, int level) {
        if (cache[level] != null) {
            cache[level].end();
            cache[level] = null;
        }
    }
}
