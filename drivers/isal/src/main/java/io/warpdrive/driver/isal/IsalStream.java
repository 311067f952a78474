package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.Igzip;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.InflateState;
import io.warpdrive.driver.isal.igzip.NativeMemory;
import io.warpdrive.driver.isal.igzip.ZStream;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one isal stream ({@code wd_stm_comp}): its own igzip stream or inflate
 * state in native memory, whose history must survive from one job to the next, and the
 * framing state. It travels with the stream's jobs to whichever worker or caller serves
 * them; the platform runs one job of a stream at a time.
 *
 * <p>The native memory is freed by {@link #close()}, which may come from another thread
 * (the session, or the driver stopping) while a job runs: the job then frees it when it
 * ends, never under igzip's feet.
 *
 * <p>After any failure the stream is broken (what was consumed and produced cannot be
 * undone); later calls fail with INVALID_STATE until {@link #reset()}.
 */
class IsalStream implements StreamState {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;
    /** Closed while running: the running job frees the memory. */
    private static final int CLOSE_WHEN_DONE = 3;

    private final Algorithm algorithm;
    private final Operation operation;
    private final ZStream zstream;
    private final InflateState inflateState;
    private final StreamCompressor compressor;
    private final Decompressor decompressor;
    /** The preset dictionary's last window in native memory for igzip to copy; null without one. */
    private final NativeMemory dictionary;
    private final AtomicInteger use = new AtomicInteger(IDLE);
    private boolean broken;

    /**
     * @throws WdException INVALID_ARGUMENT for a missing parameter or, when compressing, a
     *         level outside 1..9, or a dictionary on anything but raw deflate compression;
     *         DEVICE_ERROR without native memory
     */
    IsalStream(Igzip igzip, LevelMap levels, Algorithm algorithm, Operation operation, int level, WindowSize window) {
        this(igzip, levels, algorithm, operation, level, window, null);
    }

    /**
     * @param dictionary primes a raw deflate compression stream (see
     *        {@link io.warpdrive.lib.Driver#openStream(Algorithm, Operation, int, WindowSize, ByteBuffer)});
     *        null or empty for none; read, not consumed
     */
    IsalStream(Igzip igzip, LevelMap levels, Algorithm algorithm, Operation operation, int level, WindowSize window,
            ByteBuffer dictionary) {
        JobChecks.checkKind(IsalDriver.INFO, algorithm, operation);
        JobChecks.checkDictionary(IsalDriver.INFO, algorithm, operation, dictionary);
        if (window == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no window given");
        }
        this.algorithm = algorithm;
        this.operation = operation;
        AddressCache source = new AddressCache(igzip);
        AddressCache destination = new AddressCache(igzip);
        if (operation == Operation.COMPRESS) {
            JobChecks.checkLevel(level);
            int igzipLevel = levels.streamLevel(level);
            this.dictionary = lastWindow(igzip, dictionary, window);
            try {
                zstream = new ZStream(igzip, IgzipAbi.levelBufSize(igzipLevel));
            } catch (RuntimeException e) {
                closeDictionary();
                throw e;
            }
            inflateState = null;
            decompressor = null;
            try {
                compressor = new StreamCompressor(zstream, source, destination, algorithm, level, igzipLevel, window,
                        this.dictionary);
            } catch (RuntimeException e) {
                zstream.close();
                closeDictionary();
                throw e;
            }
        } else {
            inflateState = new InflateState(igzip);
            this.dictionary = null;
            zstream = null;
            compressor = null;
            try {
                inflateState.init();
                decompressor = new Decompressor(inflateState, source, destination);
                decompressor.start(algorithm);
            } catch (RuntimeException e) {
                inflateState.close();
                throw e;
            }
        }
    }

    /**
     * Runs one job of the stream (checked by the caller to be of this stream's kind).
     *
     * <p>Compress: all input is consumed unless the destination fills up first (then false,
     * and the caller calls again with more room and the rest). Decompress: true when a
     * stream (a gzip member) ended exactly at the end of the input consumed; FINISH means no
     * more input will come, so a stream that has not ended is TRUNCATED_INPUT.
     *
     * @return end of stream
     * @throws WdException a data, output or state error; the stream is broken afterwards
     */
    boolean process(Job job) {
        if (!use.compareAndSet(IDLE, RUNNING)) {
            throw new WdException(WdStatus.INVALID_STATE, use.get() == RUNNING
                    ? "another job of this stream is running" : "the stream is closed");
        }
        try {
            if (broken) {
                throw new WdException(WdStatus.INVALID_STATE, "stream is broken after an earlier error; reset it");
            }
            Flush flush = job.flush();
            JobChecks.checkFlush(flush);
            JobChecks.checkOutputLimit(job.outputLimit());
            ByteBuffer src = Flat.source(job.source());
            ByteBuffer dst = Flat.destination(job.destination());
            return operation == Operation.COMPRESS
                    ? compressor.process(src, dst, flush, job.outputLimit())
                    : decompressor.process(src, dst, flush == Flush.FINISH, job.outputLimit());
        } catch (WdException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw new WdException(WdStatus.INTERNAL, "the isal stream failed: " + e, e);
        } finally {
            if (!use.compareAndSet(RUNNING, IDLE)) {
                use.set(CLOSED);
                free();
            }
        }
    }

    Algorithm algorithm() {
        return algorithm;
    }

    Operation operation() {
        return operation;
    }

    /** True when the stream has ended: compress finished, or decompress at the end of a stream or member. */
    boolean isFinished() {
        return operation == Operation.COMPRESS ? compressor.isFinished() : decompressor.isEnded();
    }

    boolean isBroken() {
        return broken;
    }

    /** Starts a new stream with the same parameters, also after a failure. */
    void reset() {
        if (!use.compareAndSet(IDLE, RUNNING)) {
            throw new WdException(WdStatus.INVALID_STATE, use.get() == RUNNING
                    ? "a job of this stream is running" : "the stream is closed");
        }
        try {
            if (operation == Operation.COMPRESS) {
                compressor.reset();
            } else {
                decompressor.reset();
            }
            broken = false;
        } finally {
            if (!use.compareAndSet(RUNNING, IDLE)) {
                use.set(CLOSED);
                free();
            }
        }
    }

    /** Frees the native memory now, or when the job running ends. Idempotent. */
    @Override
    public void close() {
        for (;;) {
            int now = use.get();
            if (now == IDLE && use.compareAndSet(IDLE, CLOSED)) {
                free();
                return;
            }
            if (now == RUNNING && use.compareAndSet(RUNNING, CLOSE_WHEN_DONE)) {
                return;
            }
            if (now == CLOSED || now == CLOSE_WHEN_DONE) {
                return;
            }
        }
    }

    /** The last window's worth of the dictionary (all igzip keeps), copied to native memory; null without one. */
    private static NativeMemory lastWindow(Igzip igzip, ByteBuffer dictionary, WindowSize window) {
        if (dictionary == null || !dictionary.hasRemaining()) {
            return null;
        }
        int n = Math.min(dictionary.remaining(), window.bytes());
        NativeMemory copy = NativeMemory.allocate(igzip, n);
        copy.view().put(0, dictionary, dictionary.limit() - n, n);
        return copy;
    }

    private void closeDictionary() {
        if (dictionary != null) {
            dictionary.close();
        }
    }

    private void free() {
        if (zstream != null) {
            zstream.close();
        }
        closeDictionary();
        if (inflateState != null) {
            inflateState.close();
        }
    }
}
