package io.warpdrive.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.warpdrive.comp.Compressor;
import io.warpdrive.driver.isal.IsalDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.netty.PlatformHttpContentCompressor;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import io.warpdrive.zip.PlatformDeflater;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The optional integrations against what they replace, in one run, phases alternating:
 * <ul>
 * <li>HTTP: a Netty server on the loopback address answers with a 64 KiB text response,
 * gzip-encoded at level 6, to 2 client connections that send the next request as soon as the
 * last response is in (keep-alive; the clients do not decompress). The platform's
 * {@code PlatformHttpContentCompressor} against Netty's {@code HttpContentCompressor} with its
 * JDK encoder ({@code JdkZlibEncoder}), on the soft driver and on isal (where libisal is
 * installed). Responses per second, and their ratio.</li>
 * <li>{@code DeflaterOutputStream} over 64 KiB writes of text at level 6, with the platform's
 * {@code Deflater} (soft driver) against the JDK's: MB/s and the ratio.</li>
 * </ul>
 * Reported figures, not a test: the machine may be shared, so compare the ratios of one run.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.IntegrationsBenchmark
 * [seconds per phase] [rounds]} (defaults 5, 3), from the repository root.
 */
public final class IntegrationsBenchmark {
    private static final int RESPONSE = 64 * 1024;
    private static final int LEVEL = 6;
    private static final int CONNECTIONS = 2;
    private static final byte[] TEXT = DataKind.TEXT.bytes(RESPONSE);
    private static final byte[] STREAM_INPUT = DataKind.TEXT.bytes(8 << 20);
    private static final int WRITE = 64 * 1024;

    private IntegrationsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "%d s per phase, %d rounds; phases alternate, ratios within a round%n",
                seconds, rounds);
        try (StartedDriver<SoftDriver> soft = TestDrivers.soft();
                TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(soft.driver());
            Compressor compressor = platform.compressorFor("bench.integrations");
            http("soft", compressor, seconds, rounds);
            deflaterOutputStream(compressor, seconds, rounds);
        }
        StartedDriver<IsalDriver> isal;
        try {
            isal = TestDrivers.isal();
        } catch (RuntimeException unavailable) {
            System.out.println("isal: unavailable here (" + unavailable.getMessage() + ")");
            return;
        }
        try (StartedDriver<IsalDriver> driver = isal; TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(driver.driver());
            http("isal", platform.compressorFor("bench.integrations"), seconds, rounds);
        }
    }

    private static void http(String driver, Compressor compressor, int seconds, int rounds) throws Exception {
        List<Double> ratios = new ArrayList<>();
        measureHttp(() -> new HttpContentCompressor(StandardCompressionOptions.gzip(LEVEL, 15, 8)), 1);
        measureHttp(() -> new PlatformHttpContentCompressor(compressor, LEVEL, 0), 1);
        for (int r = 1; r <= rounds; r++) {
            double jdk = measureHttp(() -> new HttpContentCompressor(StandardCompressionOptions.gzip(LEVEL, 15, 8)),
                    seconds);
            double ours = measureHttp(() -> new PlatformHttpContentCompressor(compressor, LEVEL, 0), seconds);
            ratios.add(ours / jdk);
            System.out.printf(Locale.ROOT,
                    "http gzip 64 KiB, %d connections, %s: round %d platform %.0f/s, JdkZlibEncoder %.0f/s, ratio %.2f%n",
                    CONNECTIONS, driver, r, ours, jdk, ours / jdk);
        }
        System.out.printf(Locale.ROOT, "http gzip 64 KiB, %s: median ratio %.2f%n", driver, median(ratios));
    }

    /** Responses per second with the given content compressor on the server, for {@code seconds}. */
    private static double measureHttp(Supplier<ChannelHandler> contentCompressor, int seconds) throws Exception {
        EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(CONNECTIONS, NioIoHandler.newFactory());
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicLong responses = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            Channel server = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                    contentCompressor.get(), new TextResponder());
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            List<Channel> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Channel client = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                                if (!r.headers().contains(HttpHeaderNames.CONTENT_ENCODING, "gzip", true)) {
                                                    throw new IllegalStateException("response not gzip-encoded");
                                                }
                                                responses.incrementAndGet();
                                                if (running.get()) {
                                                    ctx.writeAndFlush(request());
                                                }
                                            }
                                        });
                            }
                        }).connect("127.0.0.1", port).sync().channel();
                clients.add(client);
            }
            clients.forEach(c -> c.writeAndFlush(request()));
            long start = System.nanoTime();
            long first = responses.get();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measuring window, not a wait for a condition
            long done = responses.get() - first;
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Channel c : clients) {
                c.close().sync();
            }
            server.close().sync();
            return done / elapsed;
        } finally {
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
        return request;
    }

    /** Answers every request with the same 64 KiB text. */
    private static final class TextResponder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(TEXT));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, TEXT.length);
            ctx.writeAndFlush(response);
        }
    }

    private static void deflaterOutputStream(Compressor compressor, int seconds, int rounds) throws IOException {
        List<Double> ratios = new ArrayList<>();
        measureDeflater(() -> new Deflater(LEVEL), 1);
        measureDeflater(() -> new PlatformDeflater(compressor, LEVEL), 1);
        for (int r = 1; r <= rounds; r++) {
            double jdk = measureDeflater(() -> new Deflater(LEVEL), seconds);
            double ours = measureDeflater(() -> new PlatformDeflater(compressor, LEVEL), seconds);
            ratios.add(ours / jdk);
            System.out.printf(Locale.ROOT,
                    "DeflaterOutputStream level 6, 64 KiB writes, soft: round %d platform %.1f MB/s, JDK %.1f MB/s, ratio %.2f%n",
                    r, ours, jdk, ours / jdk);
        }
        System.out.printf(Locale.ROOT, "DeflaterOutputStream, soft: median ratio %.2f%n", median(ratios));
    }

    /** Uncompressed MB/s through a DeflaterOutputStream with deflaters from {@code deflaters}, for {@code seconds}. */
    private static double measureDeflater(Supplier<Deflater> deflaters, int seconds) throws IOException {
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Deflater deflater = deflaters.get();
            try (DeflaterOutputStream out = new DeflaterOutputStream(OutputStream.nullOutputStream(), deflater, WRITE)) {
                for (int at = 0; at < STREAM_INPUT.length; at += WRITE) {
                    out.write(STREAM_INPUT, at, Math.min(WRITE, STREAM_INPUT.length - at));
                }
            } finally {
                deflater.end();
            }
            bytes += STREAM_INPUT.length;
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
