package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.data.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability both ways with the real {@code zstd} tool (Debian's package {@code zstd},
 * which .ci/run installs): it reads what the driver writes at fast, default and high levels,
 * and the driver reads what it writes, with and without checksums, in fast levels, as a
 * stream (no content size) and as several files concatenated. Without the tool the test
 * fails, saying what to install: interoperability is not optional.
 */
class ZstdToolInteropTest extends DriverConformance {
    private static final byte[] TEXT = TestFiles.sample("text", 300_000);
    private static final byte[] ROWS = TestFiles.sample("rows", 120_000);

    @TempDir
    Path dir;

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @BeforeAll
    static void theToolIsInstalled() throws Exception {
        Tools.requireInstalled("zstd");
    }

    @Test
    void theToolReadsWhatTheDriverWrites() throws Exception {
        for (int level : new int[] {-5, 1, 3, 19}) {
            try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZSTD).withLevel(level))) {
                Path compressed = Files.write(dir.resolve("level" + level + ".zst"), s.compress(TEXT));
                Path restored = dir.resolve("level" + level);
                Tools.run(List.of("zstd", "-q", "-d", "-f", compressed.toString(), "-o", restored.toString()));
                assertArrayEquals(TEXT, Files.readAllBytes(restored), "zstd -d reads level " + level);
            }
        }
    }

    @Test
    void theDriverReadsWhatTheToolWrites() throws Exception {
        Path text = Files.write(dir.resolve("text"), TEXT);
        Path rows = Files.write(dir.resolve("rows"), ROWS);
        String[][] options = {{"-3"}, {"-19"}, {"--fast=4"}, {"--no-check", "-1"}, {"-6", "--long"}};
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZSTD))) {
            for (String[] o : options) {
                Path out = dir.resolve("text.zst");
                List<String> command = new ArrayList<>(List.of("zstd", "-q", "-f"));
                command.addAll(List.of(o));
                command.addAll(List.of(text.toString(), "-o", out.toString()));
                Tools.run(command);
                assertArrayEquals(TEXT, s.decompress(Files.readAllBytes(out)), String.join(" ", command));
            }
            // from standard input: a frame without a content size
            Path piped = dir.resolve("piped.zst");
            Tools.run(List.of("sh", "-c", "cat '" + rows + "' | zstd -q -c > '" + piped + "'"));
            assertArrayEquals(ROWS, s.decompress(Files.readAllBytes(piped)), "zstd from a pipe");
            // two files' frames concatenated, as cat a.zst b.zst writes them
            Path both = dir.resolve("both.zst");
            Tools.run(List.of("sh", "-c", "zstd -q -c '" + text + "' > '" + both + "' && zstd -q -c -9 '" + rows + "' >> '"
                    + both + "'"));
            byte[] expected = ZstdFramesTest.concat(TEXT, ROWS);
            assertArrayEquals(expected, s.decompress(Files.readAllBytes(both)), "concatenated frames");
        }
    }
}
