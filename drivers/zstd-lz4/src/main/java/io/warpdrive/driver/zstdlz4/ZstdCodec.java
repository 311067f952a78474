package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.JobChecks;
import java.nio.ByteBuffer;

/**
 * The zstd half of a worker's codec: one compression and one decompression
 * context (native memory, costly to create) kept for every job, and a {@link ZstdPipe}.
 * A stateless job whose source and destination are each one buffer of the same kind (heap
 * with an array, or direct) is one call of zstd's one-shot API on them; any other layout
 * goes through the pipe. Compression writes frames as the job's {@link FrameOptions} ask (by
 * default a content checksum, the content size declared, the library's window for the level);
 * decompression reads every frame of the input. Not thread-safe.
 */
final class ZstdCodec {
    private final ZstdCompressCtx compressor = new ZstdCompressCtx();
    private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();
    private final ZstdPipe pipe = new ZstdPipe();
    private final SgOutput output = new SgOutput();
    /** The level the compression context is set to: changed only when a job asks for another. */
    private int contextLevel = Algorithm.ZSTD.defaultLevel();
    /** The frame options the compression context is set to: changed only when a job asks for others. */
    private FrameOptions contextFrame = FrameOptions.DEFAULT;

    ZstdCodec() {
        compressor.setLevel(contextLevel);
        apply(compressor, contextFrame);
    }

    /** Sets a compression context's frame parameters to {@code frame}'s. */
    static void apply(ZstdCompressCtx ctx, FrameOptions frame) {
        ctx.setChecksum(frame.contentChecksum()).setContentSize(frame.contentSize()).setWindowLog(frame.windowLog());
    }

    /**
     * Runs a stateless job whose buffers the caller has checked.
     *
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, OUTPUT_TOO_SMALL,
     *         OUTPUT_LIMIT_EXCEEDED, UNSUPPORTED (not zstd; a frame that needs a dictionary),
     *         INVALID_ARGUMENT
     */
    void run(Job job) {
        output.start(job.destination(), job.outputLimit());
        try {
            if (job.operation() == Operation.COMPRESS) {
                compress(job.level(), job.frame(), job.source(), job.destination());
            } else {
                decompress(job.source(), job.destination());
            }
        } finally {
            output.finish();
        }
    }

    private void compress(int level, FrameOptions frame, SgList src, SgList dst) {
        JobChecks.checkLevel(Algorithm.ZSTD, level);
        ByteBuffer s = src.firstRemaining();
        ByteBuffer d = dst.firstRemaining();
        if (oneCall(src, dst, s, d)) {
            // The one-shot call starts a new frame itself; parameters left as they are let zstd
            // reuse the context's tables without setting them up again.
            if (level != contextLevel) {
                compressor.setLevel(level);
                contextLevel = level;
            }
            if (!frame.equals(contextFrame)) {
                apply(compressor, frame);
                contextFrame = frame;
            }
            int room = room(d);
            int n;
            try {
                n = s.hasArray()
                        ? compressor.compressByteArray(d.array(), d.arrayOffset() + d.position(), room, s.array(),
                                s.arrayOffset() + s.position(), s.remaining())
                        : compressor.compressDirectByteBuffer(d, d.position(), room, s, s.position(), s.remaining());
            } catch (ZstdException e) {
                throw ZstdFailures.of(e, room < d.remaining());
            }
            s.position(s.limit());
            d.position(d.position() + n);
            return;
        }
        // Streaming needs a context at the start of a frame (a failed job may have left it inside one).
        compressor.reset();
        compressor.setLevel(level);
        apply(compressor, frame);
        contextLevel = level;
        contextFrame = frame;
        long total = src.remaining();
        compressor.setPledgedSrcSize(total);
        pipe.reset();
        if (!pipe.compress(compressor, src, output, EndDirective.END)) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination is too small for the zstd frame of "
                    + total + " bytes");
        }
    }

    private void decompress(SgList src, SgList dst) {
        if (!src.hasRemaining()) {
            throw new WdException(WdStatus.TRUNCATED_INPUT, "no zstd frame in an empty input");
        }
        ByteBuffer s = src.firstRemaining();
        ByteBuffer d = dst.firstRemaining();
        if (oneCall(src, dst, s, d)) {
            int room = room(d);
            try {
                int n = s.hasArray()
                        ? decompressor.decompressByteArray(d.array(), d.arrayOffset() + d.position(), room, s.array(),
                                s.arrayOffset() + s.position(), s.remaining())
                        : decompressor.decompressDirectByteBuffer(d, d.position(), room, s, s.position(),
                                s.remaining());
                s.position(s.limit());
                d.position(d.position() + n);
                return;
            } catch (ZstdException e) {
                if (ZstdFailures.code(e) == Zstd.errDstSizeTooSmall()) {
                    throw ZstdFailures.of(e, room < d.remaining());
                }
                // The one-shot call names some damage imprecisely (a cut checksum is "checksum
                // wrong"): the streaming decoder below finds and names it exactly.
            }
        }
        decompressor.reset();
        pipe.reset();
        if (!pipe.decompress(decompressor, src, output, true)) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + dst.remaining()
                    + " bytes left are too small for the decompressed zstd data");
        }
    }

    /** One buffer each, of the same kind: zstd's one-shot call works on them in place. */
    private static boolean oneCall(SgList src, SgList dst, ByteBuffer s, ByteBuffer d) {
        return s != null && d != null && src.isFlat() && dst.isFlat()
                && (s.hasArray() && d.hasArray() || s.isDirect() && d.isDirect());
    }

    /** The destination's room, lowered to what the output limit still allows. */
    private int room(ByteBuffer d) {
        return (int) Math.min(d.remaining(), output.allowance());
    }

    /** Frees both contexts' native memory now. */
    void close() {
        compressor.close();
        decompressor.close();
    }
}
