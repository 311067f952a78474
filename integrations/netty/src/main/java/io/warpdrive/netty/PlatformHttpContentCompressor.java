package io.warpdrive.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import java.util.Objects;

/**
 * Netty's {@link HttpContentCompressor} with the gzip and deflate content encodings served by
 * the platform ({@link PlatformZlibEncoder}): the encoding is chosen from the request's
 * {@code Accept-Encoding} as Netty chooses it, responses that already have a
 * {@code Content-Encoding} or are smaller than the threshold pass unchanged, and the rest is
 * Netty's (chunked transfer, {@code Content-Length} removal, pipelined requests).
 *
 * <pre>{@code
 * // compressor: this bundle's Compressor service
 * pipeline.addLast(new HttpServerCodec(), new PlatformHttpContentCompressor(compressor), handler);
 * }</pre>
 */
public class PlatformHttpContentCompressor extends HttpContentCompressor {
    private final Compressor compressor;
    private final int level;
    private final int contentSizeThreshold;
    private ChannelHandlerContext ctx;

    /** Level 6, every response compressed. */
    public PlatformHttpContentCompressor(Compressor compressor) {
        this(compressor, SessionSpec.DEFAULT_LEVEL, 0);
    }

    /**
     * @param compressionLevel 0..9 (0 compresses at level 1, the platform's lowest)
     * @param contentSizeThreshold responses whose full content is smaller pass uncompressed; 0 for none
     */
    public PlatformHttpContentCompressor(Compressor compressor, int compressionLevel, int contentSizeThreshold) {
        super(contentSizeThreshold, StandardCompressionOptions.gzip(compressionLevel, 15, 8),
                StandardCompressionOptions.deflate(compressionLevel, 15, 8));
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        this.level = compressionLevel;
        this.contentSizeThreshold = contentSizeThreshold;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) {
        if (contentSizeThreshold > 0 && response instanceof HttpContent
                && ((HttpContent) response).content().readableBytes() < contentSizeThreshold) {
            return null;
        }
        if (response.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
            // Already encoded, or marked identity: not to be encoded here.
            return null;
        }
        String encoding = determineEncoding(acceptEncoding);
        ZlibWrapper wrapper = "gzip".equals(encoding) ? ZlibWrapper.GZIP
                : "deflate".equals(encoding) ? ZlibWrapper.ZLIB : null;
        if (wrapper == null) {
            return null;
        }
        return new Result(encoding, new EmbeddedChannel(ctx.channel().id(), ctx.channel().metadata().hasDisconnect(),
                ctx.channel().config(), new PlatformZlibEncoder(compressor, wrapper, level)));
    }
}
