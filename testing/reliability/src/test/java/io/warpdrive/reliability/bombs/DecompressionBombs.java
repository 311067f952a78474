package io.warpdrive.reliability.bombs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real decompression bombs (1 GiB of zeros in about 1 MiB) against one driver under the
 * engine: a stateless request, the array helper and a stream all stop at their output limit
 * with OUTPUT_LIMIT_EXCEEDED, whichever limit applies (the platform's per request or per
 * stream, or the session's lower one), having produced no more than the limit; and a stream
 * without a limit decompresses the whole gigabyte, since large streams are legitimate.
 *
 * <p>Each test runs the driver under its own engine with the limits it is about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DecompressionBombs {
    private static final long MIB = 1 << 20;
    private DriverUnderTest driver;
    /** 64 MiB of direct output space: more than every limit here, so the limit is what stops a request. */
    private ByteBuffer roomy;

    protected abstract DriverUnderTest openDriver();

    @BeforeAll
    void startDriver() {
        driver = openDriver();
        roomy = ByteBuffer.allocateDirect((int) (64 * MIB));
        Bombs.of(Algorithm.GZIP);
    }

    @AfterAll
    void stopDriver() {
        if (driver != null) { // null: skipped, the driver is not available on this machine
            driver.close();
        }
    }

    /** The algorithms the driver serves ({@link Bombs} makes a bomb of each). */
    Stream<Algorithm> bombAlgorithms() {
        return Stream.of(Algorithm.values()).filter(driver.algorithms()::contains);
    }

    /** An engine with the given limits and the driver under test alone. */
    private TestPlatform platform(long requestLimit, long streamLimit) {
        TestPlatform p = TestPlatform.builder().queuesPerDevice(2).outputLimit(requestLimit)
                .streamOutputLimit(streamLimit).build();
        p.bind(driver.driver());
        for (Algorithm a : driver.algorithms()) {
            assertTrue(p.platform().awaitQueue(a, Operation.DECOMPRESS, FallbackPolicy.AUTO, Duration.ofSeconds(20)));
        }
        return p;
    }

    private static Compressor consumer(TestPlatform p) {
        return p.compressorFor("io.warpdrive.reliability.bombs");
    }

    @ParameterizedTest
    @MethodSource("bombAlgorithms")
    void aStatelessRequestStopsAtThePlatformsLimitOrTheSessionsLowerOne(Algorithm a) throws Exception {
        byte[] bomb = Bombs.of(a);
        try (TestPlatform p = platform(32 * MIB, 0)) {
            for (long sessionLimit : new long[] { 0, 16 * MIB }) {
                try (Session s = consumer(p).openSession(SessionSpec.of(a).withOutputLimit(sessionLimit))) {
                    ByteBuffer src = ByteBuffer.wrap(bomb);
                    roomy.clear();
                    Request r = s.newRequest().operation(Operation.DECOMPRESS).source(src).destination(roomy);
                    WdException e = assertThrows(WdException.class, () -> s.execute(r));
                    assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status(), e.getMessage());
                    assertEquals(driver.driver().name(), r.servedBy());
                    assertEquals(0, src.position(), "the input is where it was");
                    assertEquals(0, roomy.position(), "no output reported");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bombAlgorithms")
    void theArrayHelperGrowsOnlyUpToTheLimit(Algorithm a) throws Exception {
        try (TestPlatform p = platform(1024 * MIB, 0);
                Session s = consumer(p).openSession(SessionSpec.of(a).withOutputLimit(8 * MIB))) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(Bombs.of(a)));
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status(), e.getMessage());
            assertTrue(e.getMessage().contains("output limit of " + 8 * MIB + " bytes"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("bombAlgorithms")
    void aStreamStopsAtItsLimitHoweverSmallItsPieces(Algorithm a) throws Exception {
        byte[] bomb = Bombs.of(a);
        long limit = 40 * MIB;
        try (TestPlatform p = platform(1024 * MIB, 0);
                StreamSession st = consumer(p).openStream(Operation.DECOMPRESS,
                        SessionSpec.of(a).withOutputLimit(limit))) {
            ByteBuffer src = ByteBuffer.wrap(bomb);
            ByteBuffer out = ByteBuffer.allocate(256 * 1024);
            Request r = st.newRequest();
            long produced = 0;
            WdException failure = null;
            while (failure == null) {
                int piece = Math.min(src.remaining(), 4096);
                ByteBuffer in = src.slice(src.position(), piece);
                out.clear();
                try {
                    st.execute(r.source(in).destination(out).flush(piece == src.remaining() ? Flush.FINISH : Flush.NONE));
                } catch (WdException e) {
                    failure = e;
                    break;
                }
                if (r.produced() == 0 && in.position() == 0) {
                    throw new AssertionError("a request made no progress after " + produced + " bytes: " + r.status());
                }
                produced += r.produced();
                src.position(src.position() + in.position());
                assertTrue(produced <= limit, "produced " + produced + " beyond the limit");
                assertTrue(!st.isFinished(), "a 1 GiB stream cannot end within " + limit + " bytes");
            }
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, failure.status(), failure.getMessage());
            assertTrue(produced > limit - out.capacity(), "stopped at the limit, not before: " + produced);
        }
    }

    @ParameterizedTest
    @MethodSource("bombAlgorithms")
    void aDecompressingInputStreamStopsAtThePlatformsStreamLimit(Algorithm a) throws Exception {
        long limit = 48 * MIB;
        try (TestPlatform p = platform(1024 * MIB, limit)) {
            long[] read = { 0 };
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(Bombs.of(a)), consumer(p),
                        SessionSpec.of(a))) {
                    read[0] = drain(in);
                }
            });
            WdException cause = assertInstanceOf(WdException.class, e.getCause(), e.toString());
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, cause.status(), cause.getMessage());
        }
    }

    /** Large streams are legitimate: without a stream limit (the default) the whole gigabyte comes out. */
    @Test
    void withoutAStreamLimitTheWholeGigabyteComesOut() throws Exception {
        Algorithm a = driver.algorithms().contains(Algorithm.GZIP) ? Algorithm.GZIP : Algorithm.ZSTD;
        try (TestPlatform p = platform(1024 * MIB, 0);
                InputStream in = new DecompressorInputStream(new ByteArrayInputStream(Bombs.of(a)),
                        consumer(p), SessionSpec.of(a), 64 * 1024)) {
            assertEquals(Bombs.SIZE, drain(in));
        }
    }

    /** Reads to the end; returns the bytes read, checking that they are all zero. */
    private static long drain(InputStream in) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            for (int i = 0; i < n; i += 4093) {
                if (chunk[i] != 0) {
                    throw new AssertionError("non-zero byte at " + (total + i));
                }
            }
            total += n;
        }
        return total;
    }
}
