package io.warpdrive.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.ZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import java.util.List;
import java.util.Objects;

/**
 * A Netty {@link ZlibDecoder} whose decompression the platform serves, with the semantics of
 * Netty's {@code JdkZlibDecoder}: zlib, gzip, raw deflate, or zlib-or-raw told apart by the
 * first two bytes; each input buffer's output passed on as it is decompressed; the output of one
 * input buffer bounded by {@code maxAllocation} (0: the allocator's limit), beyond which decoding
 * fails with Netty's "Decompression buffer has reached maximum size" {@link DecompressionException}
 * (the guard against decompression bombs); bytes after the end of the stream dropped.
 *
 * <pre>{@code
 * // compressor: this bundle's Compressor service
 * pipeline.addLast(new PlatformZlibDecoder(compressor, ZlibWrapper.GZIP, 1 << 20));
 * }</pre>
 *
 * <p>Corrupt input, a bad checksum or a stream that needs a preset dictionary is a
 * {@link DecompressionException} whose message starts with the platform's status (e.g.
 * {@code CORRUPT_INPUT (10): ...}) and whose cause is the platform's {@link WdException}; so is
 * any other failure of the platform (the driver went away, say). Concatenated gzip members are
 * read when {@code decompressConcatenated} is set, as Netty's decoder reads them; without it,
 * a member that follows the first within the same input buffer is still read (the platform's
 * gzip streams read on into the next member), one that arrives in a later buffer is dropped.
 * Input is read where it is (direct buffers stay direct); output buffers come from Netty's
 * {@code prepareDecompressBuffer}, as for Netty's decoders. One instance per channel.
 */
public class PlatformZlibDecoder extends ZlibDecoder {
    private static final int ZLIB_HEADER_LENGTH = 2;

    private final Compressor compressor;
    private final ZlibWrapper wrapper;
    private final boolean decompressConcatenated;
    private final SessionSpec base;
    private StreamSession stream;
    private Request request;
    /** A gzip member ended at the end of the input: a later buffer may start the next. */
    private boolean memberEnded;
    private volatile boolean finished;

    /** zlib, no bound but the allocator's. */
    public PlatformZlibDecoder(Compressor compressor) {
        this(compressor, ZlibWrapper.ZLIB, 0);
    }

    public PlatformZlibDecoder(Compressor compressor, ZlibWrapper wrapper) {
        this(compressor, wrapper, 0);
    }

    /** @param maxAllocation the most output one input buffer may produce; 0 for the allocator's limit */
    public PlatformZlibDecoder(Compressor compressor, ZlibWrapper wrapper, int maxAllocation) {
        this(compressor, wrapper, false, maxAllocation);
    }

    /**
     * @param decompressConcatenated read gzip members that follow the first (gzip only)
     * @param maxAllocation the most output one input buffer may produce; 0 for the allocator's limit
     */
    public PlatformZlibDecoder(Compressor compressor, ZlibWrapper wrapper, boolean decompressConcatenated,
            int maxAllocation) {
        this(compressor, wrapper, decompressConcatenated, maxAllocation, SessionSpec.of(Algorithm.ZLIB));
    }

    /**
     * A decoder with the platform settings of {@code spec} (fallback policy, driver, output limit,
     * ...); its algorithm is the wrapper's.
     */
    public PlatformZlibDecoder(Compressor compressor, ZlibWrapper wrapper, boolean decompressConcatenated,
            int maxAllocation, SessionSpec spec) {
        super(maxAllocation);
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
        this.decompressConcatenated = decompressConcatenated && wrapper == ZlibWrapper.GZIP;
        this.base = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public boolean isClosed() {
        return finished;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (finished) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!in.isReadable()) {
            return;
        }
        try {
            if (stream == null) {
                Algorithm algorithm = algorithm(in);
                if (algorithm == null) {
                    return;
                }
                stream = compressor.openStream(Operation.DECOMPRESS, base.withAlgorithm(algorithm));
                request = stream.newRequest();
            } else if (memberEnded) {
                memberEnded = false;
                stream.reset();
            }
            inflate(ctx, in, out);
        } catch (WdException e) {
            fail(in);
            throw new DecompressionException(e.getMessage(), e);
        } catch (DecompressionException e) {
            // Over maxAllocation: the stream ends here, and the rest of the input with it.
            fail(in);
            throw e;
        }
    }

    private void fail(ByteBuf in) {
        finished = true;
        in.skipBytes(in.readableBytes());
        releaseStream();
    }

    /** The algorithm of the stream; null while ZLIB_OR_NONE has too few bytes to tell. */
    private Algorithm algorithm(ByteBuf in) {
        switch (wrapper) {
        case ZLIB:
            return Algorithm.ZLIB;
        case GZIP:
            return Algorithm.GZIP;
        case NONE:
            return Algorithm.DEFLATE;
        default:
            if (in.readableBytes() < ZLIB_HEADER_LENGTH) {
                return null;
            }
            return looksLikeZlib(in.getUnsignedByte(in.readerIndex()), in.getUnsignedByte(in.readerIndex() + 1))
                    ? Algorithm.ZLIB : Algorithm.DEFLATE;
        }
    }

    /** A zlib header (RFC 1950): deflate with a window up to 32 KiB and a valid check. */
    private static boolean looksLikeZlib(int cmf, int flg) {
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf << 8 | flg) % 31 == 0;
    }

    private void inflate(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ByteBuf decompressed = prepareDecompressBuffer(ctx, null, in.readableBytes() << 1);
        try {
            boolean outputMayFollow = false;
            while (in.isReadable() || outputMayFollow) {
                if (!decompressed.isWritable()) {
                    decompressed = prepareDecompressBuffer(ctx, decompressed, decompressed.capacity());
                }
                stream.execute(NettyBuffers.bind(request, in, decompressed).flush(Flush.NONE));
                NettyBuffers.advance(request, in, decompressed);
                if (request.endOfStream()) {
                    if (decompressConcatenated && !in.isReadable()) {
                        memberEnded = true;
                    } else {
                        finished = true;
                        in.skipBytes(in.readableBytes());
                        releaseStream();
                    }
                    break;
                }
                // A full buffer may leave output inside the platform even when all input is taken.
                outputMayFollow = !decompressed.isWritable();
                if (!outputMayFollow && request.consumed() == 0 && request.produced() == 0) {
                    break;
                }
            }
        } finally {
            if (decompressed.isReadable()) {
                out.add(decompressed);
            } else {
                decompressed.release();
            }
        }
    }

    /** Releases the platform's stream with the handler. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        releaseStream();
        super.handlerRemoved0(ctx);
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
