package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.isal.igzip.Igzip;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.InflateState;
import io.warpdrive.driver.isal.igzip.ZStream;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import io.warpdrive.lib.cpu.CpuCodec;
import io.warpdrive.lib.format.MemberFraming;
import java.nio.ByteBuffer;

/**
 * What a worker thread (or a sync caller) runs jobs with: one igzip compression stream with
 * a level buffer for every configured level, and one inflate state, each in native memory
 * allocated on first use and kept until {@link #close()}. One per thread at a time; not
 * thread-safe. With the framing state preallocated too, a job allocates nothing.
 *
 * <p>Stateless jobs are served here: compression through {@code isal_deflate_stateless}
 * (all input in one call), decompression through {@code isal_inflate}. A stream job is
 * served by the {@link IsalStream} it carries.
 */
final class IsalCodec implements CpuCodec {
    private final Igzip igzip;
    private final LevelMap levels;
    private final AddressCache sourceAddress;
    private final AddressCache destinationAddress;
    private ZStream zstream;
    private InflateState inflateState;
    private Decompressor decompressor;
    private boolean closed;

    IsalCodec(Igzip igzip, LevelMap levels) {
        this.igzip = igzip;
        this.levels = levels;
        this.sourceAddress = new AddressCache(igzip);
        this.destinationAddress = new AddressCache(igzip);
    }

    /**
     * Runs a job: reads {@code job.source()}, writes {@code job.destination()}, advancing
     * their positions by what was consumed and produced. The caller then completes or fails
     * the job.
     *
     * @return end of stream: true for a stateless job that succeeds; for a stream job as
     *         {@link IsalStream#process} says
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, OUTPUT_TOO_SMALL,
     *         OUTPUT_LIMIT_EXCEEDED, UNSUPPORTED, INVALID_ARGUMENT, INVALID_STATE,
     *         DEVICE_ERROR (no native memory), INTERNAL; never any other exception
     */
    @Override
    public boolean execute(Job job) {
        if (closed) {
            throw new WdException(WdStatus.INVALID_STATE, "the isal codec is closed");
        }
        if (job == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no job");
        }
        JobChecks.checkKind(IsalDriver.INFO, job.algorithm(), job.operation());
        if (job.stream() != null) {
            return executeStream(job, job.stream());
        }
        JobChecks.checkOutputLimit(job.outputLimit());
        ByteBuffer src = Flat.source(job.source());
        ByteBuffer dst = Flat.destination(job.destination());
        try {
            if (job.operation() == Operation.COMPRESS) {
                compress(job, src, dst);
            } else {
                decompress(job, src, dst);
            }
            return true;
        } catch (WdException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WdException(WdStatus.INTERNAL, "the isal codec failed: " + e, e);
        }
    }

    private static boolean executeStream(Job job, StreamState state) {
        if (!(state instanceof IsalStream)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "the job's stream state was not made by the isal driver: " + state.getClass().getName());
        }
        IsalStream stream = (IsalStream) state;
        if (job.operation() != stream.operation() || job.algorithm() != stream.algorithm()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a " + job.algorithm() + " " + job.operation()
                    + " job carries the state of a " + stream.algorithm() + " " + stream.operation() + " stream");
        }
        return stream.process(job);
    }

    /**
     * One complete stream from all of the input: the header, then igzip's one-shot
     * compression with the trailer. igzip's one-shot path wants some slack in the output;
     * when it says the output is too small, its streaming path (which needs none; at level 1
     * for 0, see {@link LevelMap#streamLevel}) tries the same room before the job fails.
     */
    private void compress(Job job, ByteBuffer src, ByteBuffer dst) {
        JobChecks.checkLevel(job.level());
        JobChecks.checkCompressionWindow(IsalDriver.INFO, job.window());
        Algorithm algorithm = job.algorithm();
        long limit = job.outputLimit();
        int capacity = dst.remaining();
        int room = (int) Math.min(capacity, limit);
        int header = MemberFraming.headerLength(algorithm);
        if (room < header) {
            throw outputTooSmall(algorithm, capacity, limit);
        }
        MemberFraming.writeHeader(dst, algorithm, job.level(), job.window());
        room -= header;
        ZStream zs = zstream();
        int level = levels.igzipLevel(job.level());
        int input = src.remaining();
        zs.initStateless();
        setUp(zs, algorithm, level, job, src, dst, input, room);
        int code = zs.deflateStateless();
        if (code == IgzipAbi.STATELESS_OVERFLOW) {
            zs.init();
            level = levels.streamLevel(job.level());
            setUp(zs, algorithm, level, job, src, dst, input, room);
            code = zs.deflate();
            if (code == IgzipAbi.COMP_OK && zs.state() != IgzipAbi.ZSTATE_END) {
                throw outputTooSmall(algorithm, capacity, limit);
            }
        }
        if (code != IgzipAbi.COMP_OK) {
            throw new WdException(WdStatus.INTERNAL, "igzip refused to compress " + input + " bytes to "
                    + algorithm.uadkName() + " at igzip level " + level + " (code " + code + ")");
        }
        src.position(src.position() + input - zs.availIn());
        dst.position(dst.position() + room - zs.availOut());
    }

    private void setUp(ZStream zs, Algorithm algorithm, int level, Job job, ByteBuffer src, ByteBuffer dst, int input,
            int room) {
        zs.parameters(level, Framing.gzipFlag(algorithm), Framing.histBits(job.window()));
        zs.input(sourceAddress.at(src), input);
        zs.output(destinationAddress.at(dst), room);
        zs.flush(IgzipAbi.NO_FLUSH);
        zs.endOfStream(true);
    }

    private static WdException outputTooSmall(Algorithm algorithm, int capacity, long limit) {
        if (limit < capacity) {
            return new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED,
                    "compressed output would exceed the output limit of " + limit + " bytes");
        }
        return new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + capacity
                + " bytes are too small for the compressed " + algorithm.uadkName() + " stream");
    }

    private void decompress(Job job, ByteBuffer src, ByteBuffer dst) {
        Decompressor d = decompressor();
        d.start(job.algorithm());
        d.decodeAll(src, dst, job.outputLimit());
    }

    /** The compression stream, created on first use with a level buffer for the highest level configured. */
    private ZStream zstream() {
        if (zstream == null) {
            zstream = new ZStream(igzip, IgzipAbi.levelBufSize(levels.highest()));
        }
        return zstream;
    }

    private Decompressor decompressor() {
        if (decompressor == null) {
            inflateState = new InflateState(igzip);
            inflateState.init();
            decompressor = new Decompressor(inflateState, sourceAddress, destinationAddress);
        }
        return decompressor;
    }

    /** Frees the native memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (zstream != null) {
            zstream.close();
        }
        if (inflateState != null) {
            inflateState.close();
        }
    }
}
