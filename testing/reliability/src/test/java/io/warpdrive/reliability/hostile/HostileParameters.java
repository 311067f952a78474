package io.warpdrive.reliability.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile parameters through the public API, with one driver under the real engine: each
 * one is refused with a {@link WdException} carrying the status that names the problem and
 * a message that says what was wrong, never another exception, a hang or a crash; and the
 * platform serves the next good request as before.
 *
 * <p>A driver module's target is one small subclass naming the driver, as for the fuzz
 * and bomb tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileParameters {
    private static final byte[] TEXT = text(64 * 1024);

    private DriverUnderTest driver;
    private TestPlatform platform;
    private Compressor compressor;
    private Session session;

    protected abstract DriverUnderTest openDriver();

    /** The algorithm the requests are made in: one the driver serves (gzip unless a subclass says). */
    protected Algorithm algorithm() {
        return Algorithm.GZIP;
    }

    @BeforeAll
    void start() {
        driver = openDriver();
        platform = TestPlatform.builder().queuesPerDevice(2).waitTimeout(Duration.ofSeconds(20)).build();
        platform.bind(driver.driver());
        for (Operation op : Operation.values()) {
            assertTrue(platform.platform().awaitQueue(algorithm(), op, FallbackPolicy.AUTO, Duration.ofSeconds(20)));
        }
        compressor = platform.compressorFor("io.warpdrive.reliability.hostile");
        session = compressor.openSession(SessionSpec.of(algorithm()));
    }

    @AfterAll
    void stop() throws Exception {
        if (driver == null) {
            return; // skipped: the driver is not available on this machine
        }
        try {
            platform.close();
        } finally {
            driver.close();
        }
    }

    /** Runs {@code call}, which must fail with {@code status} and a message containing {@code says}. */
    private static WdException refused(WdStatus status, String says, Executable call) {
        WdException e = assertThrows(WdException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains(says.toLowerCase()),
                "message '" + e.getMessage() + "' should say '" + says + "'");
        return e;
    }

    /** After every refusal the platform still serves a good request correctly. */
    private void stillServes() {
        byte[] packed = session.compress(TEXT);
        assertArrayEquals(TEXT, session.decompress(packed));
    }

    // ---- negative lengths and counts ------------------------------------------------------

    @Test
    void negativeLengthsAndCountsAreInvalidArguments() {
        refused(WdStatus.INVALID_ARGUMENT, "negative input length",
                () -> compressor.maxCompressedLength(Algorithm.GZIP, -1));
        refused(WdStatus.INVALID_ARGUMENT, "segment capacity -1", () -> SgList.allocate(-1));
        refused(WdStatus.INVALID_ARGUMENT, "at least one queue",
                () -> compressor.reserve(Operation.COMPRESS, -3, FallbackPolicy.AUTO));
        refused(WdStatus.INVALID_ARGUMENT, "poll budget", () -> compressor.poll(-1, 0));
        refused(WdStatus.INVALID_ARGUMENT, "negative output limit",
                () -> SessionSpec.of(Algorithm.GZIP).withOutputLimit(-1));
        refused(WdStatus.INVALID_ARGUMENT, "negative timeout",
                () -> SessionSpec.of(Algorithm.GZIP).withTimeout(Duration.ofMillis(-5)));
        refused(WdStatus.INVALID_ARGUMENT, "level -1", () -> SessionSpec.of(Algorithm.GZIP).withLevel(-1));
        refused(WdStatus.INVALID_ARGUMENT, "NUMA node -7", () -> SessionSpec.of(Algorithm.GZIP).withNumaNode(-7));
        stillServes();
    }

    // ---- scatter-gather lists ---------------------------------------------------------------

    @Test
    void emptyScatterGatherListsAreRefusedAndEmptyBuffersServed() {
        // A list without a buffer is refused the same way whichever driver would serve it ...
        refused(WdStatus.INVALID_ARGUMENT, "destination has no buffer",
                () -> session.compress(SgList.of(ByteBuffer.wrap(TEXT)), SgList.allocate(0)));
        refused(WdStatus.INVALID_ARGUMENT, "source has no buffer",
                () -> session.compress(SgList.allocate(0), SgList.of(ByteBuffer.allocate(64))));
        refused(WdStatus.INVALID_ARGUMENT, "source has no buffer",
                () -> session.decompress(SgList.allocate(0), SgList.of(ByteBuffer.allocate(64))));
        // ... an empty buffer is no input: compressing it is a valid, empty gzip stream ...
        ByteBuffer packed = ByteBuffer.allocate(64);
        assertTrue(session.compress(ByteBuffer.allocate(0), packed) > 0, "an empty stream still has a header and trailer");
        assertEquals(0, session.decompress(packed.flip(), ByteBuffer.allocate(8)));
        // ... decompressing it is truncated data, and no room at all is too small an output.
        refused(WdStatus.TRUNCATED_INPUT, "", () -> session.decompress(ByteBuffer.allocate(0), ByteBuffer.allocate(64)));
        refused(WdStatus.OUTPUT_TOO_SMALL, "", () -> session.compress(ByteBuffer.wrap(TEXT), ByteBuffer.allocate(0)));
        stillServes();
    }

    @Test
    void tooManySegmentsAreRefusedAndTheMostAllowedWork() {
        SgList full = SgList.allocate(SgList.MAX_SEGMENTS);
        for (int i = 0; i < SgList.MAX_SEGMENTS; i++) {
            full.add(ByteBuffer.wrap(TEXT, i % TEXT.length, 1));
        }
        refused(WdStatus.INVALID_ARGUMENT, "more than " + SgList.MAX_SEGMENTS + " segments",
                () -> full.add(ByteBuffer.allocate(1)));
        refused(WdStatus.INVALID_ARGUMENT, "segment capacity", () -> SgList.allocate(SgList.MAX_SEGMENTS + 1));
        // The largest list allowed: 65,536 one-byte segments in, as many out of one byte each.
        byte[] expected = new byte[SgList.MAX_SEGMENTS];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = TEXT[i % TEXT.length];
        }
        ByteBuffer packed = ByteBuffer.allocate((int) compressor.maxCompressedLength(algorithm(), expected.length));
        session.compress(full, SgList.of(packed));
        packed.flip();
        byte[] restored = new byte[expected.length];
        SgList scattered = SgList.allocate(SgList.MAX_SEGMENTS);
        for (int i = 0; i < restored.length; i++) {
            scattered.add(ByteBuffer.wrap(restored, i, 1));
        }
        assertEquals(expected.length, session.decompress(SgList.of(packed), scattered));
        assertArrayEquals(expected, restored);
    }

    @Test
    void nullSegmentsBuffersAndArraysAreInvalidArguments() {
        refused(WdStatus.INVALID_ARGUMENT, "null segment", () -> SgList.of(ByteBuffer.allocate(1), null));
        refused(WdStatus.INVALID_ARGUMENT, "null buffer array", () -> SgList.of((ByteBuffer[]) null));
        refused(WdStatus.INVALID_ARGUMENT, "source buffer is null",
                () -> session.compress(null, ByteBuffer.allocate(10)));
        refused(WdStatus.INVALID_ARGUMENT, "destination buffer is null",
                () -> session.decompress(ByteBuffer.allocate(10), null));
        refused(WdStatus.INVALID_ARGUMENT, "input array is null", () -> session.compress((byte[]) null));
        Request r = session.newRequest().operation(Operation.COMPRESS).destination(ByteBuffer.allocate(10));
        refused(WdStatus.INVALID_ARGUMENT, "source not set", () -> session.execute(r));
        Request noOp = session.newRequest().source(ByteBuffer.wrap(TEXT)).destination(ByteBuffer.allocate(10));
        refused(WdStatus.INVALID_ARGUMENT, "operation not set", () -> session.execute(noOp));
        refused(WdStatus.INVALID_ARGUMENT, "completion callback is required", () -> session.submit(r, null));
        stillServes();
    }

    // ---- output buffers ---------------------------------------------------------------------

    @Test
    void aReadOnlyOutputBufferIsRefusedBeforeAnythingIsWritten() {
        ByteBuffer readOnly = ByteBuffer.allocate(1 << 20).asReadOnlyBuffer();
        refused(WdStatus.INVALID_ARGUMENT, "read-only", () -> session.compress(ByteBuffer.wrap(TEXT), readOnly));
        SgList mixed = SgList.of(ByteBuffer.allocate(16), ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer());
        ByteBuffer src = ByteBuffer.wrap(TEXT);
        refused(WdStatus.INVALID_ARGUMENT, "read-only", () -> session.compress(SgList.of(src), mixed));
        assertEquals(0, src.position(), "the input was not touched");
        assertEquals(0, mixed.get(0).position(), "nothing was written");
        stillServes();
    }

    @Test
    void tooSmallOutputBuffersSayOutputTooSmallAndLeaveTheInput() {
        ByteBuffer src = ByteBuffer.wrap(TEXT);
        refused(WdStatus.OUTPUT_TOO_SMALL, "", () -> session.compress(src, ByteBuffer.allocate(1)));
        assertEquals(0, src.position(), "a failed request leaves the input where it was");
        ByteBuffer packed = ByteBuffer.wrap(session.compress(TEXT));
        refused(WdStatus.OUTPUT_TOO_SMALL, "", () -> session.decompress(packed, ByteBuffer.allocate(TEXT.length - 1)));
        assertEquals(0, packed.position());
        refused(WdStatus.OUTPUT_TOO_SMALL, "", () -> session.decompress(packed, ByteBuffer.allocate(0)));
        stillServes();
    }

    /**
     * A caller that lets go of its buffers while an asynchronous request runs (drops every
     * reference, so the collector may take them) does not pull memory from under the
     * driver: the request holds its buffers until it completes, and completes correctly.
     */
    @Test
    void buffersDroppedByTheCallerMidRequestStayValidUntilCompletion() throws Exception {
        int requests = 64;
        CompletableFuture<?>[] done = new CompletableFuture<?>[requests];
        byte[][] produced = new byte[requests][];
        for (int i = 0; i < requests; i++) {
            int k = i;
            Request r = session.newRequest().operation(Operation.COMPRESS)
                    .source(ByteBuffer.allocateDirect(TEXT.length).put(TEXT).flip())
                    .destination(ByteBuffer.allocateDirect(TEXT.length + 1024));
            done[i] = session.submit(r).thenAccept(req -> {
                ByteBuffer out = req.destination().get(0).flip();
                produced[k] = new byte[out.remaining()];
                out.get(produced[k]);
            }).toCompletableFuture();
        }
        System.gc(); // the caller holds no buffer now; only in-flight requests do
        for (int i = 0; i < requests; i++) {
            done[i].get(30, TimeUnit.SECONDS);
            assertArrayEquals(TEXT, session.decompress(produced[i]), "request " + i);
        }
    }

    // ---- state: in flight, closed ----------------------------------------------------------------

    @Test
    void aClosedSessionRefusesEverythingWithSessionClosed() {
        Session s = compressor.openSession(SessionSpec.of(algorithm()));
        Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(TEXT))
                .destination(ByteBuffer.allocate(TEXT.length + 1024));
        s.close();
        s.close(); // idempotent
        assertTrue(s.isClosed());
        refused(WdStatus.SESSION_CLOSED, "is closed", s::newRequest);
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> s.execute(r));
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> s.submit(r, req -> { }));
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> s.submit(r));
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> s.compress(TEXT));
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> s.decompress(new byte[10]));
        stillServes();
    }

    @Test
    void aClosedStreamRefusesEverythingWithSessionClosed() {
        StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(algorithm()));
        Request r = st.newRequest().source(ByteBuffer.wrap(TEXT)).destination(ByteBuffer.allocate(TEXT.length + 1024));
        st.close();
        refused(WdStatus.SESSION_CLOSED, "is closed", () -> st.execute(r));
        refused(WdStatus.SESSION_CLOSED, "is closed",
                () -> st.process(ByteBuffer.wrap(TEXT), ByteBuffer.allocate(TEXT.length + 1024), Flush.FINISH));
        stillServes();
    }

    @Test
    void aStreamRefusesTheOtherDirectionAndANullOne() {
        try (StreamSession st = compressor.openStream(Operation.DECOMPRESS, SessionSpec.of(algorithm()))) {
            refused(WdStatus.INVALID_ARGUMENT, "cannot", () -> st.newRequest().operation(Operation.COMPRESS));
        }
        refused(WdStatus.INVALID_ARGUMENT, "stream operation is required",
                () -> compressor.openStream(null, SessionSpec.of(algorithm())));
    }

    @Test
    void aRequestInFlightCannotBeChangedOrSentAgain() throws Exception {
        // 8 MiB at level 6 keeps the request in flight for a while; the check is only made while it is.
        byte[] big = text(8 << 20);
        Request r = session.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(big))
                .destination(ByteBuffer.allocate((int) compressor.maxCompressedLength(algorithm(), big.length)));
        CompletableFuture<Request> done = new CompletableFuture<>();
        session.submit(r, done::complete);
        if (!r.isDone()) {
            // Only checkable while it is still running; a very fast driver may already be done.
            try {
                r.source(ByteBuffer.allocate(1));
            } catch (WdException e) {
                assertEquals(WdStatus.INVALID_STATE, e.status(), e.getMessage());
            }
        }
        assertEquals(WdStatus.OK, done.get(30, TimeUnit.SECONDS).status());
        assertArrayEquals(big, session.decompress(bytes(r.destination().get(0).flip())));
    }

    // ---- unknown algorithms and missing settings -------------------------------------------------

    @Test
    void unknownAlgorithmsAreUnsupportedAndMissingOnesInvalid() {
        for (String name : new String[] { "brotli", "lz4hc", "zstd2", "", "gzip2", "deflate64" }) {
            refused(WdStatus.UNSUPPORTED, "unknown algorithm", () -> Algorithm.fromName(name));
        }
        refused(WdStatus.UNSUPPORTED, "unknown algorithm", () -> Algorithm.fromName(null));
        refused(WdStatus.INVALID_ARGUMENT, "algorithm is required", () -> SessionSpec.of(null));
        refused(WdStatus.INVALID_ARGUMENT, "algorithm is required", () -> compressor.compress(null, TEXT));
        refused(WdStatus.INVALID_ARGUMENT, "algorithm is required", () -> compressor.maxCompressedLength(null, 1));
        refused(WdStatus.INVALID_ARGUMENT, "session spec is required", () -> compressor.openSession(null));
        refused(WdStatus.INVALID_ARGUMENT, "required", () -> SessionSpec.of(Algorithm.GZIP).withFallback(null));
        stillServes();
    }

    @Test
    void aDriverThatIsNotThereIsNoDriver() {
        try (Session s = compressor.openSession(SessionSpec.of(algorithm()).withDriver("no-such-driver"))) {
            refused(WdStatus.NO_DRIVER, "no-such-driver", () -> s.compress(TEXT));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Compressible text-like bytes (a fixed seed: the same every run). */
    private static byte[] text(int n) {
        Random random = new Random(42);
        String[] words = { "warp ", "drive ", "queue ", "tag ", "zlib ", "gzip ", "deflate ", "\n" };
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            for (byte c : words[random.nextInt(words.length)].getBytes()) {
                if (i < n) {
                    b[i++] = c;
                }
            }
        }
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
