package io.warpdrive.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of one driver's decompression through the real engine: arbitrary
 * bytes decompressed as any algorithm the driver serves (deflate, zlib, gzip, zstd, LZ4), statelessly into a buffer of any size (heap,
 * direct or scattered), through the growing array helper, and as a stream read through
 * {@link DecompressorInputStream} with its input arriving in pieces of any size.
 *
 * <p>What must hold for every input: no crash, hang, JVM abort or native fault, memory
 * bounded by the session's output limit, and every failure a {@link WdException} whose
 * status says the data is bad, the output space too small or the limit reached; never
 * another exception or status. And a reference decoder is the oracle ({@link Reference}):
 * java.util.zip for the deflate family, zstd-jni for zstd, lz4-java for LZ4. Whatever the
 * platform decodes must be exactly what the reference decodes; for deflate, zlib, zstd and
 * LZ4 what the reference decodes, and fits, the platform must decode too. lz4-java's frame
 * reader does not read everything the format allows (linked blocks), so for LZ4 the platform
 * may decode what it refuses.
 *
 * <p>A driver module's fuzz target is one small subclass naming the driver
 * ({@link #openDriver()}); Jazzer fuzzes one test per JVM, so each subclass is its own
 * class. Seeds come from {@link #seeds()}; inputs that once failed are kept under
 * {@code src/test/resources/<package>/<Subclass>Inputs/decompress/} and replayed by every
 * build.
 *
 * <p>Input layout (what libFuzzer mutates): byte 0 the algorithm, byte 1 the mode and buffer
 * kind, bytes 2-3 a size (output space, or the pieces the stream input arrives in), the rest
 * the compressed data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DecompressFuzzing {
    /** The session's output limit: a bomb must stop here, and the oracle never decodes more. */
    static final long OUTPUT_LIMIT = 4 << 20;
    private static final Set<WdStatus> EXPECTED_FAILURES = EnumSet.of(WdStatus.CORRUPT_INPUT,
            WdStatus.TRUNCATED_INPUT, WdStatus.CHECKSUM_MISMATCH, WdStatus.UNSUPPORTED, WdStatus.OUTPUT_TOO_SMALL,
            WdStatus.OUTPUT_LIMIT_EXCEEDED);
    /** Byte 0 picks one of these; the driver's own ({@link DriverUnderTest#algorithms()}) are fuzzed. */
    private static final Algorithm[] ALGORITHMS = Algorithm.values();

    private DriverUnderTest driver;
    private TestPlatform platform;
    private Compressor compressor;
    private final Map<Algorithm, Session> sessions = new EnumMap<>(Algorithm.class);
    private final FuzzFigures figures = new FuzzFigures(getClass(), "decompress");

    /** Starts the driver under test (alone under the engine, so it serves every request). */
    protected abstract DriverUnderTest openDriver();

    /**
     * Whether the driver's decoder may accept deflate data java.util.zip refuses (zlib is
     * strict about incomplete Huffman code sets, other decoders are not). The platform still
     * checks zlib and gzip trailers, so what such a decoder makes of the data must at least
     * carry the right checksum and length.
     */
    protected boolean acceptsMoreThanZlib() {
        return false;
    }

    /** Inputs the fuzzer's mutations start from: valid data of every kind, see {@link Seeds}. */
    static Iterable<byte[]> seeds() {
        return Seeds.decompression();
    }

    @BeforeAll
    void start() {
        driver = openDriver();
        platform = TestPlatform.builder().queuesPerDevice(2).waitTimeout(Duration.ofSeconds(30)).build();
        platform.bind(driver.driver());
        compressor = platform.compressorFor("io.warpdrive.reliability.fuzz");
        for (Algorithm a : driver.algorithms()) {
            assertTrue(platform.platform().awaitQueue(a, Operation.DECOMPRESS, FallbackPolicy.AUTO,
                    Duration.ofSeconds(20)), "a queue for " + a);
            sessions.put(a, compressor.openSession(spec(a)));
        }
    }

    private static SessionSpec spec(Algorithm a) {
        return SessionSpec.of(a).withOutputLimit(OUTPUT_LIMIT);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver == null) {
            return; // skipped: the driver is not available on this machine
        }
        try {
            sessions.values().forEach(Session::close);
            platform.close();
            driver.close();
        } finally {
            figures.report(200);
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void decompress(byte[] input) throws IOException {
        figures.executed();
        if (input.length < 4) {
            return;
        }
        Algorithm algorithm = ALGORITHMS[(input[0] & 0xff) % ALGORITHMS.length];
        Session session = sessions.get(algorithm);
        if (session == null) {
            return; // the driver's devices do not serve it
        }
        int mode = input[1] & 0xff;
        int size = (input[2] & 0xff) << 8 | (input[3] & 0xff);
        byte[] data = java.util.Arrays.copyOfRange(input, 4, input.length);
        Reference expected = Reference.decode(algorithm, data, OUTPUT_LIMIT);
        switch (mode % 3) {
            case 0:
                intoBuffer(session, algorithm, data, size * 64, mode, expected);
                break;
            case 1:
                intoArray(session, algorithm, data, expected);
                break;
            default:
                throughStream(algorithm, data, 1 + size, expected);
        }
    }

    /** A stateless request into {@code room} bytes: flat heap, flat direct, or three scattered pieces. */
    private void intoBuffer(Session session, Algorithm algorithm, byte[] data, int room, int mode, Reference expected) {
        boolean direct = (mode & 0x40) != 0;
        boolean scattered = (mode & 0x80) != 0;
        ByteBuffer src = direct ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
        ByteBuffer[] pieces = scattered ? new ByteBuffer[] { buffer(room / 3, direct), buffer(room / 3, direct),
                buffer(room - 2 * (room / 3), direct) } : new ByteBuffer[] { buffer(room, direct) };
        Request r = session.newRequest().operation(Operation.DECOMPRESS).source(src).destination(SgList.of(pieces));
        try {
            session.execute(r);
        } catch (WdException e) {
            checkFailure(algorithm, e, expected, room);
            assertEquals(0, src.position(), "a failed request leaves the input where it was");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not a WdException: " + e, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer p : pieces) {
            ByteBuffer done = p.flip();
            byte[] b = new byte[done.remaining()];
            done.get(b);
            out.writeBytes(b);
        }
        assertEquals(r.produced(), out.size(), "produced() counts what was written");
        assertEquals(r.consumed(), src.position(), "consumed() is how far the input moved");
        checkOutput(algorithm, out.toByteArray(), expected);
    }

    private static ByteBuffer buffer(int n, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    /** The growing array helper: up to the session's output limit, never more. */
    private void intoArray(Session session, Algorithm algorithm, byte[] data, Reference expected) {
        byte[] out;
        try {
            out = session.decompress(data);
        } catch (WdException e) {
            checkFailure(algorithm, e, expected, Long.MAX_VALUE);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not a WdException: " + e, e);
        }
        checkOutput(algorithm, out, expected);
    }

    /** A stream session under DecompressorInputStream, the input arriving {@code piece} bytes at a time. */
    private void throughStream(Algorithm algorithm, byte[] data, int piece, Reference expected) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream pieces = new Trickle(data, piece);
        try (DecompressorInputStream in = new DecompressorInputStream(pieces, compressor, spec(algorithm), piece)) {
            byte[] chunk = new byte[1 + piece % 5000];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            if (!(e.getCause() instanceof WdException)) {
                throw new AssertionError("a stream failure without the platform's status: " + e, e);
            }
            checkFailure(algorithm, (WdException) e.getCause(), expected, Long.MAX_VALUE);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not an IOException with a WdException: " + e, e);
        }
        checkOutput(algorithm, out.toByteArray(), expected);
    }

    private void checkFailure(Algorithm algorithm, WdException e, Reference expected, long room) {
        if (!EXPECTED_FAILURES.contains(e.status())) {
            fail("unexpected status " + e.getMessage(), e);
        }
        if (algorithm != Algorithm.GZIP && expected.ok() && expected.output.length <= room
                && e.status() != WdStatus.OUTPUT_TOO_SMALL) {
            fail("the reference decodes these " + algorithm.uadkName() + " data (" + expected.output.length
                    + " bytes) but the platform failed: " + e.getMessage(), e);
        }
    }

    private void checkOutput(Algorithm algorithm, byte[] actual, Reference expected) {
        if (!expected.ok() && (algorithm.isDeflateFamily() && acceptsMoreThanZlib() || algorithm == Algorithm.LZ4)) {
            return;
        }
        if (!expected.ok()) {
            fail("the platform decoded " + actual.length + " bytes of " + algorithm.uadkName()
                    + " data that the reference refuses (" + expected.status + ")");
        }
        assertArrayEquals(expected.output, actual, "the platform's output differs from the reference's");
    }

    /** An input stream that hands out at most {@code piece} bytes per read, as a slow network does. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int piece;

        Trickle(byte[] data, int piece) {
            super(data);
            this.piece = piece;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, piece));
        }
    }
}
