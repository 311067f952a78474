package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Compressor;
import io.warpdrive.netty.PlatformHttpContentCompressor;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.zip.PlatformDeflater;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The optional integrations inside Felix with Netty's own bundles: a real HTTP server on the
 * loopback address compresses its responses through the platform
 * ({@code PlatformHttpContentCompressor}); Netty's HTTP client with its decompressor and
 * {@code curl --compressed} read them back. The {@code Deflater} drop-in serves a
 * {@code DeflaterOutputStream} in the framework too. curl is required: without it the test
 * fails (CI installs it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NettyHttpIT {
    private static final int BODY = 64 * 1024;
    private static final long WAIT_S = 60;
    private static final String[] NETTY_BUNDLES = { "netty-common", "netty-buffer", "netty-resolver",
            "netty-transport", "netty-transport-native-unix-common", "netty-codec-base", "netty-codec-compression",
            "netty-handler", "netty-codec-http" };

    @Inject
    private BundleContext context;

    private ServiceReference<Compressor> compressorRef;
    private Compressor compressor;
    private EventLoopGroup group;
    private Channel server;
    private final byte[] body = DataKind.TEXT.bytes(BODY);

    @Configuration
    public Option[] config() {
        String version = System.getProperty("warpdrive.itest.netty.version");
        Option[] extra = new Option[NETTY_BUNDLES.length + 2];
        for (int i = 0; i < NETTY_BUNDLES.length; i++) {
            extra[i] = mavenBundle("io.netty", NETTY_BUNDLES[i], version).startLevel(WarpDriveOptions.EXTRA_START_LEVEL);
        }
        extra[NETTY_BUNDLES.length] = WarpDriveOptions.extraBundle(jar("warpdrive.itest.zip.jar"));
        extra[NETTY_BUNDLES.length + 1] = WarpDriveOptions.extraBundle(jar("warpdrive.itest.netty.jar"));
        return WarpDriveOptions.platform(extra);
    }

    private static Path jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the integration bundle's jar (" + property + ") is missing: " + jar
                    + " (run the itests through 'mvn verify')");
        }
        return Path.of(jar);
    }

    @Before
    public void start() throws Exception {
        ServiceReference<?> platformRef = InFramework.awaitService(context, Platform.class.getName());
        assertNotNull("the platform is up", platformRef);
        InFramework.awaitGzipBothWays((Platform) context.getService(platformRef));
        context.ungetService(platformRef);
        compressorRef = context.getServiceReference(Compressor.class);
        compressor = context.getService(compressorRef);

        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new PlatformHttpContentCompressor(compressor), new TextHandler(body));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @After
    public void stop() throws InterruptedException {
        if (server != null) {
            server.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(WAIT_S, TimeUnit.SECONDS);
        }
        if (compressorRef != null) {
            context.ungetService(compressorRef);
        }
    }

    /** Answers every request with the same text. */
    private static final class TextHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final byte[] body;

        TextHandler(byte[] body) {
            this.body = body;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response);
        }
    }

    private int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Test
    public void nettysClientDecodesWhatThePlatformCompressed() throws Exception {
        CompletableFuture<String> encoding = new CompletableFuture<>();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpResponse) {
                                    encoding.complete(String.valueOf(
                                            ((HttpResponse) msg).headers().get(HttpHeaderNames.CONTENT_ENCODING)));
                                }
                                ctx.fireChannelRead(msg);
                            }
                        }, new HttpContentDecompressor(0), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        byte[] content = new byte[r.content().readableBytes()];
                                        r.content().readBytes(content);
                                        received.complete(content);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        received.completeExceptionally(cause);
                                    }
                                });
                    }
                }).connect("127.0.0.1", port()).sync().channel();
        try {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
            client.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            assertEquals("gzip", encoding.get(WAIT_S, TimeUnit.SECONDS));
            assertArrayEquals(body, received.get(WAIT_S, TimeUnit.SECONDS));
        } finally {
            client.close().sync();
        }
    }

    @Test
    public void curlDecodesWhatThePlatformCompressed() throws Exception {
        Path dir = Files.createTempDirectory("netty-it");
        Path headers = dir.resolve("headers.txt");
        Path out = dir.resolve("body.txt");
        for (String accept : new String[] { "gzip", "deflate" }) {
            Process curl = new ProcessBuilder("curl", "-sS", "--compressed", "-H", "Accept-Encoding: " + accept,
                    "-D", headers.toString(), "-o", out.toString(), "http://127.0.0.1:" + port() + "/")
                    .redirectErrorStream(true).start();
            assertTrue("curl finished", curl.waitFor(WAIT_S, TimeUnit.SECONDS));
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("curl: " + output, 0, curl.exitValue());
            String head = Files.readString(headers).toLowerCase(Locale.ROOT);
            assertTrue(head, head.contains("content-encoding: " + accept));
            assertArrayEquals(accept, body, Files.readAllBytes(out));
        }
    }

    @Test
    public void theDeflaterDropInServesADeflaterOutputStream() throws IOException {
        byte[] data = DataKind.XML.bytes(300_000);
        Deflater deflater = new PlatformDeflater(compressor, 6);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(sink, deflater)) {
            out.write(data);
        } finally {
            deflater.end();
        }
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(sink.toByteArray()))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
