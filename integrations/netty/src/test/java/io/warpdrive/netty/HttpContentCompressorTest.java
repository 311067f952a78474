package io.warpdrive.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.warpdrive.comp.Compressor;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.SoftPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PlatformHttpContentCompressor} in an {@link EmbeddedChannel}, read back by Netty's decompressor and the JDK. */
class HttpContentCompressorTest {
    static {
        LeakRecorder.install();
    }

    private SoftPlatform platform;
    private Compressor compressor;

    @BeforeEach
    void start() {
        platform = new SoftPlatform();
        compressor = platform.compressor();
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
        assertEquals(List.of(), LeakRecorder.leaks(), "buffers leaked");
    }

    private static FullHttpRequest request(String acceptEncoding) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        if (acceptEncoding != null) {
            request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, acceptEncoding);
        }
        return request;
    }

    private static FullHttpResponse response(byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    /** The response the channel wrote: its head, and its body as the bytes on the wire. */
    private static HttpResponse collect(EmbeddedChannel channel, ByteArrayOutputStream body) {
        HttpResponse head = null;
        for (Object o; (o = channel.readOutbound()) != null;) {
            HttpObject m = (HttpObject) o;
            if (m instanceof HttpResponse) {
                head = (HttpResponse) m;
            }
            if (m instanceof HttpContent) {
                ByteBuf content = ((HttpContent) m).content();
                byte[] a = new byte[content.readableBytes()];
                content.readBytes(a);
                body.writeBytes(a);
            }
            ReferenceCountUtil.release(m);
        }
        return head;
    }

    @ParameterizedTest(name = "Accept-Encoding: {0}")
    @CsvSource({ "gzip, gzip", "'deflate', deflate", "'gzip;q=0.5, deflate;q=1.0', deflate", "'br, gzip', gzip" })
    void responsesAreEncodedAsTheClientAccepts(String acceptEncoding, String expected) throws IOException {
        byte[] body = DataKind.TEXT.bytes(64 * 1024);
        EmbeddedChannel channel = new EmbeddedChannel(new PlatformHttpContentCompressor(compressor));
        channel.writeInbound(request(acceptEncoding));
        ReferenceCountUtil.release(channel.readInbound());
        channel.writeOutbound(response(body));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        HttpResponse head = collect(channel, wire);
        assertEquals(expected, head.headers().get(HttpHeaderNames.CONTENT_ENCODING));
        String length = head.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            assertEquals(wire.size(), Integer.parseInt(length), "Content-Length is the encoded length");
        }
        byte[] decoded = ("gzip".equals(expected)
                ? new GZIPInputStream(new ByteArrayInputStream(wire.toByteArray()))
                : new InflaterInputStream(new ByteArrayInputStream(wire.toByteArray()))).readAllBytes();
        assertArrayEquals(body, decoded);
        assertFalse(channel.finish());
    }

    @Test
    void nettysDecompressorReadsTheResponse() {
        byte[] body = DataKind.XML.bytes(200_000);
        EmbeddedChannel server = new EmbeddedChannel(new PlatformHttpContentCompressor(compressor, 6, 0));
        server.writeInbound(request("gzip"));
        ReferenceCountUtil.release(server.readInbound());
        server.writeOutbound(response(body));
        EmbeddedChannel client = new EmbeddedChannel(new HttpContentDecompressor());
        for (Object o; (o = server.readOutbound()) != null;) {
            client.writeInbound(o);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        HttpResponse head = collectInbound(client, got);
        assertNull(head.headers().get(HttpHeaderNames.CONTENT_ENCODING), "the decompressor removed it");
        assertArrayEquals(body, got.toByteArray());
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }

    private static HttpResponse collectInbound(EmbeddedChannel channel, ByteArrayOutputStream body) {
        HttpResponse head = null;
        for (Object o; (o = channel.readInbound()) != null;) {
            if (o instanceof HttpResponse) {
                head = (HttpResponse) o;
            }
            if (o instanceof HttpContent) {
                ByteBuf content = ((HttpContent) o).content();
                byte[] a = new byte[content.readableBytes()];
                content.readBytes(a);
                body.writeBytes(a);
            }
            ReferenceCountUtil.release(o);
        }
        return head;
    }

    @Test
    void smallOrAlreadyEncodedOrUnacceptedResponsesPassUnchanged() {
        byte[] body = DataKind.TEXT.bytes(1000);
        EmbeddedChannel channel = new EmbeddedChannel(new PlatformHttpContentCompressor(compressor, 6, 1024));
        channel.writeInbound(request("gzip"));
        ReferenceCountUtil.release(channel.readInbound());
        channel.writeOutbound(response(body));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        assertNull(collect(channel, wire).headers().get(HttpHeaderNames.CONTENT_ENCODING), "below the threshold");
        assertArrayEquals(body, wire.toByteArray());

        channel.writeInbound(request("gzip"));
        ReferenceCountUtil.release(channel.readInbound());
        FullHttpResponse encoded = response(DataKind.TEXT.bytes(5000));
        encoded.headers().set(HttpHeaderNames.CONTENT_ENCODING, "identity");
        channel.writeOutbound(encoded);
        assertEquals("identity", collect(channel, new ByteArrayOutputStream()).headers()
                .get(HttpHeaderNames.CONTENT_ENCODING));

        channel.writeInbound(request("compress"));
        ReferenceCountUtil.release(channel.readInbound());
        channel.writeOutbound(response(DataKind.TEXT.bytes(5000)));
        assertNull(collect(channel, new ByteArrayOutputStream()).headers().get(HttpHeaderNames.CONTENT_ENCODING));
        assertFalse(channel.finish());
        assertInstanceOf(PlatformHttpContentCompressor.class, new PlatformHttpContentCompressor(compressor));
    }
}
