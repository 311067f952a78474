package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.comp.stream.ParallelCompression;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.ParallelStreamConformance;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parallel compression of zstd and LZ4 with this driver compressing the pieces: the output is
 * a frame per piece (zstd -l counts them), which the tools ({@code zstd -t}, {@code zstd -d},
 * {@code lz4 -d}) and the platform's own decompressor read as one stream, at sizes around the
 * pieces' boundaries; the ratio cost of pieces without history against the serial stream is
 * bounded (and printed) for the CLI's default piece size.
 */
class ZstdLz4ParallelStreamTest extends DriverConformance {
    private static final int PIECE = ParallelCompression.MIN_PIECE_SIZE;
    private static final Pattern ZSTD_FRAMES = Pattern.compile("^\\s*(\\d+)\\s+\\d+\\s", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @BeforeAll
    void theToolsAreInstalled() throws Exception {
        Tools.requireInstalled("zstd");
        Tools.requireInstalled("lz4");
    }

    private byte[] parallel(SessionSpec spec, ParallelCompression pieces, byte[] data) throws IOException {
        return ParallelStreamConformance.parallel(compressor, spec, pieces, data);
    }

    private byte[] readBack(Algorithm algorithm, byte[] compressed) throws IOException {
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(compressed), compressor,
                algorithm)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"ZSTD", "LZ4"})
    void aFramePerPieceThatTheToolAndThePlatformReadAsOneStream(Algorithm algorithm) throws Exception {
        String tool = algorithm.uadkName();
        for (int size : new int[] {0, 1, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 12_345}) {
            byte[] data = TestFiles.sample("text", size);
            byte[] out = parallel(SessionSpec.of(algorithm), ParallelCompression.of(PIECE, 3), data);
            String what = tool + ", " + size + " bytes";
            assertArrayEquals(data, readBack(algorithm, out), what + ": the platform's decompressing stream");
            try (Session s = compressor.openSession(SessionSpec.of(algorithm))) {
                assertArrayEquals(data, s.decompress(out), what + ": one decompress call");
            }
            Path file = Files.write(dir.resolve("out." + tool), out);
            Path restored = dir.resolve("restored");
            Tools.run(List.of("sh", "-c", tool + " -q -d -c '" + file + "' > '" + restored + "'"));
            assertArrayEquals(data, Files.readAllBytes(restored), what + ": " + tool + " -d");
            if (algorithm == Algorithm.ZSTD) {
                Tools.run(List.of("zstd", "-q", "-t", file.toString()));
                int pieces = Math.max(1, (size + PIECE - 1) / PIECE);
                assertEquals(pieces, zstdFrames(file), what + ": a frame per piece, no empty one at the end");
            }
        }
    }

    /**
     * At the default piece size for frames ({@value ParallelCompression#DEFAULT_FRAME_PIECE_SIZE}
     * bytes) pieces without history cost under 1 % of ratio on text; smaller pieces are printed
     * for the record.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"ZSTD", "LZ4"})
    void theRatioStaysWithinOnePercentOfTheSerialStreamAtTheDefaultPieceSize(Algorithm algorithm)
            throws IOException {
        byte[] data = TestFiles.sample("text", 12 << 20);
        SessionSpec spec = SessionSpec.of(algorithm);
        byte[] serial = ParallelStreamConformance.serial(compressor, spec, data);
        ParallelCompression byDefault = ParallelCompression.onEngines(2, algorithm);
        assertEquals(ParallelCompression.DEFAULT_FRAME_PIECE_SIZE, byDefault.pieceSize());
        for (ParallelCompression pieces : new ParallelCompression[] {
                ParallelCompression.of(ParallelCompression.DEFAULT_PIECE_SIZE, 4), ParallelCompression.of(1 << 20, 4),
                byDefault }) {
            byte[] parallel = parallel(spec, pieces, data);
            assertArrayEquals(data, readBack(algorithm, parallel));
            double cost = (double) parallel.length / serial.length - 1;
            System.out.printf("%s level %d, %s: %d bytes against the serial stream's %d (+%.2f %%)%n",
                    algorithm.uadkName(), spec.level(), pieces, parallel.length, serial.length, 100 * cost);
            if (pieces == byDefault) {
                assertTrue(cost < 0.01, pieces + " cost " + 100 * cost + " % of ratio");
            }
        }
    }

    /** How many frames {@code zstd -l} counts in {@code file}. */
    private static int zstdFrames(Path file) throws Exception {
        String listing = Tools.run(List.of("zstd", "-l", file.toString()));
        Matcher m = ZSTD_FRAMES.matcher(listing);
        assertTrue(m.find(), "zstd -l: " + listing);
        return Integer.parseInt(m.group(1));
    }
}
