package io.warpdrive.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.compression.CompressionException;
import io.netty.handler.codec.compression.ZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.PromiseNotifier;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Netty {@link ZlibEncoder} whose compression the platform serves, with the semantics of
 * Netty's {@code JdkZlibEncoder}: each written {@link ByteBuf} is compressed and sync-flushed,
 * so the peer can decompress every message as it arrives; {@link #close()} writes the end of
 * the stream (for gzip its trailer) without closing the channel; closing the channel writes it
 * first; after the end, written buffers pass through unchanged.
 *
 * <pre>{@code
 * // compressor: this bundle's Compressor service
 * pipeline.addLast(new PlatformZlibEncoder(compressor, ZlibWrapper.GZIP, 6));
 * }</pre>
 *
 * <p>Output goes into buffers from the channel's allocator (direct memory when the encoder
 * prefers it, the default), and input is read where it is: the platform reads and writes the
 * buffers' memory without copies. A failure of the platform is a {@link CompressionException}
 * whose message starts with the platform's status. Level 0 compresses at level 1, the
 * platform's lowest. One instance per channel, as Netty's encoders.
 */
public class PlatformZlibEncoder extends ZlibEncoder {
    /** How long channel close waits for the end of the stream to be written, as Netty's encoders wait. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    /** Room a sync flush may need beyond the compressed bound (an empty stored block). */
    private static final int FLUSH_MARKER = 16;
    /** Room after which a request that neither consumes nor produces is a platform fault. */
    private static final int MIN_PROGRESS_ROOM = 64 * 1024;

    private final Compressor compressor;
    private final SessionSpec spec;
    private StreamSession stream;
    private Request request;
    private volatile boolean finished;
    private volatile ChannelHandlerContext ctx;

    /** zlib at level 6. */
    public PlatformZlibEncoder(Compressor compressor) {
        this(compressor, ZlibWrapper.ZLIB, SessionSpec.DEFAULT_LEVEL);
    }

    public PlatformZlibEncoder(Compressor compressor, ZlibWrapper wrapper) {
        this(compressor, wrapper, SessionSpec.DEFAULT_LEVEL);
    }

    /**
     * @param wrapper ZLIB, GZIP or NONE (raw deflate)
     * @param compressionLevel 0..9, as Netty's encoders take it (0 compresses at level 1)
     * @throws IllegalArgumentException for ZLIB_OR_NONE (a decoder's choice only) or a level outside 0..9
     */
    public PlatformZlibEncoder(Compressor compressor, ZlibWrapper wrapper, int compressionLevel) {
        this(compressor, SessionSpec.of(algorithm(wrapper)).withLevel(level(compressionLevel)));
    }

    /** An encoder with every platform setting of {@code spec} (algorithm, level, fallback, driver, ...). */
    public PlatformZlibEncoder(Compressor compressor, SessionSpec spec) {
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    private static Algorithm algorithm(ZlibWrapper wrapper) {
        switch (Objects.requireNonNull(wrapper, "wrapper")) {
        case ZLIB:
            return Algorithm.ZLIB;
        case GZIP:
            return Algorithm.GZIP;
        case NONE:
            return Algorithm.DEFLATE;
        default:
            throw new IllegalArgumentException("wrapper '" + wrapper + "' is not allowed for compression.");
        }
    }

    private static int level(int compressionLevel) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel: " + compressionLevel + " (expected: 0-9)");
        }
        return Math.max(SessionSpec.MIN_LEVEL, compressionLevel);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Releases the platform's stream. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseStream();
    }

    @Override
    public boolean isClosed() {
        return finished;
    }

    @Override
    public ChannelFuture close() {
        return close(context().newPromise());
    }

    @Override
    public ChannelFuture close(ChannelPromise promise) {
        ChannelHandlerContext context = context();
        EventExecutor executor = context.executor();
        if (executor.inEventLoop()) {
            return finishEncode(context, promise);
        }
        executor.execute(() -> PromiseNotifier.cascade(finishEncode(context, context.newPromise()), promise));
        return promise;
    }

    /** Writes the end of the stream, then closes the channel (at the latest after a bounded wait). */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ChannelFuture finish = finishEncode(ctx, ctx.newPromise());
        if (finish.isDone()) {
            ctx.close(promise);
            return;
        }
        finish.addListener(f -> closeOnce(ctx, promise));
        ctx.executor().schedule(() -> closeOnce(ctx, promise), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void closeOnce(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!promise.isDone()) {
            ctx.close(promise);
        }
    }

    private ChannelHandlerContext context() {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            throw new IllegalStateException("not added to a channel pipeline yet");
        }
        return context;
    }

    /** Room for the compressed form of the message: the platform's bound, in the preferred memory. */
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
        if (finished) {
            return preferDirect ? ctx.alloc().ioBuffer(msg.readableBytes()) : ctx.alloc().heapBuffer(msg.readableBytes());
        }
        int bound = (int) Math.min(Integer.MAX_VALUE - FLUSH_MARKER,
                compressor.maxCompressedLength(spec.algorithm(), msg.readableBytes())) + FLUSH_MARKER;
        return preferDirect ? ctx.alloc().ioBuffer(bound) : ctx.alloc().heapBuffer(bound);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf in, ByteBuf out) {
        if (finished) {
            out.writeBytes(in);
            return;
        }
        if (in.isReadable()) {
            compress(in, out, Flush.SYNC);
        }
    }

    /**
     * Compresses {@code in} into {@code out} with {@code flush}, growing {@code out} while the
     * platform has more to write.
     *
     * @throws CompressionException when the platform fails
     */
    private void compress(ByteBuf in, ByteBuf out, Flush flush) {
        try {
            if (stream == null) {
                stream = compressor.openStream(Operation.COMPRESS, spec);
                request = stream.newRequest();
            }
            boolean done;
            do {
                out.ensureWritable(FLUSH_MARKER);
                stream.execute(NettyBuffers.bind(request, in, out).flush(flush));
                NettyBuffers.advance(request, in, out);
                done = flush == Flush.FINISH ? request.endOfStream() : !in.isReadable() && out.isWritable();
                if (!done && request.consumed() == 0 && request.produced() == 0) {
                    if (out.writableBytes() >= MIN_PROGRESS_ROOM) {
                        throw new CompressionException("the platform made no progress compressing with " + flush
                                + " (served by " + request.servedBy() + ")");
                    }
                    out.ensureWritable(MIN_PROGRESS_ROOM);
                }
            } while (!done);
        } catch (WdException e) {
            throw new CompressionException(e.getMessage(), e);
        }
    }

    private ChannelFuture finishEncode(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (finished) {
            promise.setSuccess();
            return promise;
        }
        finished = true;
        ByteBuf footer = ctx.alloc().ioBuffer(64);
        try {
            compress(Unpooled.EMPTY_BUFFER, footer, Flush.FINISH);
        } catch (CompressionException e) {
            footer.release();
            promise.setFailure(e);
            return promise;
        } finally {
            releaseStream();
        }
        return ctx.writeAndFlush(footer, promise);
    }

    private void releaseStream() {
        StreamSession s = stream;
        stream = null;
        request = null;
        if (s != null) {
            s.close();
        }
    }
}
