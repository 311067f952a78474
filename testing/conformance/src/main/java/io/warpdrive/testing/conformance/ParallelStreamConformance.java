package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.ParallelCompression;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parallel compression ({@link ParallelCompression}) with the driver under test compressing
 * the pieces: gzip, zlib and raw deflate outputs at sizes around the piece boundaries are one
 * standard stream that java.util.zip (zlib) reads with its checksum checked and {@code gzip -t}
 * accepts, the ratio stays within 1 % of the serial stream's, and many parallel streams at once
 * each get their own data back.
 */
public abstract class ParallelStreamConformance extends DriverConformance {
    private static final int PIECE = ParallelCompression.MIN_PIECE_SIZE;
    private static final int[] SIZES = {0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE, 3 * PIECE + 12_345};

    @TempDir
    Path folder;

    Stream<Arguments> formatsAndSizes() {
        return Stream.of(Algorithm.GZIP, Algorithm.ZLIB, Algorithm.DEFLATE)
                .filter(driverUnderTest.algorithms()::contains)
                .flatMap(a -> java.util.Arrays.stream(SIZES).mapToObj(n -> Arguments.of(a, n)));
    }

    /** {@code data} compressed by a parallel stream, written in writes of 50 000 bytes. */
    public static byte[] parallel(Compressor compressor, SessionSpec spec, ParallelCompression pieces, byte[] data)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, spec, pieces)) {
            for (int at = 0; at < data.length; at += 50_000) {
                out.write(data, at, Math.min(50_000, data.length - at));
            }
        }
        return sink.toByteArray();
    }

    /** {@code data} compressed by a serial stream, for the ratio to compare with. */
    public static byte[] serial(Compressor compressor, SessionSpec spec, byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, spec)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("formatsAndSizes")
    void oneStandardStreamAtEverySizeAroundThePieces(Algorithm algorithm, int size) throws Exception {
        byte[] data = TestFiles.sample("text", size);
        byte[] out = parallel(compressor, SessionSpec.of(algorithm).withLevel(1), ParallelCompression.of(PIECE, 3),
                data);
        assertArrayEquals(data, ReferenceCodecs.decompress(algorithm, out), "java.util.zip reads it, checksum checked");
        if (algorithm == Algorithm.GZIP) {
            assertGzipAccepts(out);
        }
    }

    @Test
    void theRatioStaysWithinOnePercentOfTheSerialStream() throws IOException {
        assumeServes(Algorithm.GZIP);
        byte[] data = TestFiles.sample("text", 4 << 20);
        for (int level : new int[] {1, 6}) {
            SessionSpec spec = SessionSpec.of(Algorithm.GZIP).withLevel(level);
            byte[] parallel = parallel(compressor, spec,
                    ParallelCompression.of(ParallelCompression.DEFAULT_PIECE_SIZE, 4), data);
            byte[] serial = serial(compressor, spec, data);
            assertArrayEquals(data, ReferenceCodecs.decompress(Algorithm.GZIP, parallel));
            assertTrue(parallel.length <= serial.length * 1.01, "level " + level + ": parallel " + parallel.length
                    + " bytes, serial " + serial.length);
        }
    }

    @Test
    void manyParallelStreamsAtOnceEachGetTheirOwnData() throws Exception {
        assumeServes(Algorithm.GZIP);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int s = 0; s < 3; s++) {
                        byte[] data = TestFiles.sample(s % 2 == 0 ? "xml" : "rows", 3 * PIECE + 1000 * id + s);
                        Algorithm a = driverUnderTest.algorithms().contains(Algorithm.ZLIB) && s == 1
                                ? Algorithm.ZLIB : Algorithm.GZIP;
                        byte[] out = parallel(compressor, SessionSpec.of(a).withLevel(1 + id),
                                ParallelCompression.of(PIECE, 2), data);
                        assertArrayEquals(data, ReferenceCodecs.decompress(a, out), "stream " + id + "/" + s);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "parallel-stream-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    }

    /** gzip itself tests the file: its CRC-32 and length (skipped where gzip is not installed). */
    private void assertGzipAccepts(byte[] gz) throws IOException, InterruptedException {
        Path file = folder.resolve("out.gz");
        Files.write(file, gz);
        Process p;
        try {
            p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("gzip is not installed here: " + e.getMessage());
            return;
        }
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gzip -t ended");
        assertEquals(0, p.exitValue(), "gzip -t: " + said);
    }
}
