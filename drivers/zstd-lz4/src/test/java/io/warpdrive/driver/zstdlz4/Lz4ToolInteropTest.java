package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.data.TestFiles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability both ways with the real {@code lz4} tool (Debian's package {@code lz4},
 * which .ci/run installs): it reads what the driver writes at fast and HC levels, stateless
 * and as a stream with flushes; the driver reads what it writes with every frame option the
 * tool has (block sizes, linked blocks, block checksums, content size, no content checksum),
 * from a pipe and several files concatenated, and refuses its legacy format as UNSUPPORTED.
 */
class Lz4ToolInteropTest extends DriverConformance {
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
        Tools.requireInstalled("lz4");
    }

    @Test
    void theToolReadsWhatTheDriverWrites() throws Exception {
        for (int level : new int[] {1, 2, 3, 9, 12}) {
            try (Session s = compressor.openSession(SessionSpec.of(Algorithm.LZ4).withLevel(level))) {
                Path compressed = Files.write(dir.resolve("level" + level + ".lz4"), s.compress(TEXT));
                Path restored = dir.resolve("level" + level);
                Tools.run(List.of("lz4", "-q", "-d", "-f", compressed.toString(), restored.toString()));
                assertArrayEquals(TEXT, Files.readAllBytes(restored), "lz4 -d reads level " + level);
            }
        }
    }

    @Test
    void theToolReadsAStreamWithFlushes() throws Exception {
        Path compressed = dir.resolve("stream.lz4");
        try (OutputStream out = new CompressorOutputStream(Files.newOutputStream(compressed), compressor,
                Algorithm.LZ4)) {
            for (int at = 0; at < TEXT.length; at += 50_000) {
                out.write(TEXT, at, Math.min(50_000, TEXT.length - at));
                out.flush();
            }
        }
        Path restored = dir.resolve("stream");
        Tools.run(List.of("lz4", "-q", "-d", "-f", compressed.toString(), restored.toString()));
        assertArrayEquals(TEXT, Files.readAllBytes(restored));
    }

    @Test
    void theDriverReadsWhatTheToolWrites() throws Exception {
        Path text = Files.write(dir.resolve("text"), TEXT);
        Path rows = Files.write(dir.resolve("rows"), ROWS);
        String[][] options = {{"-1"}, {"-9"}, {"-12"}, {"-BD"}, {"-BD", "-9", "-B4"}, {"-BX"}, {"-B4"}, {"-B5"},
            {"-B6"}, {"--content-size"}, {"--no-frame-crc"}, {"-BD", "-BX", "--content-size", "-B4"}, {"--fast=3"}};
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.LZ4))) {
            for (String[] o : options) {
                Path out = dir.resolve("text.lz4");
                List<String> command = new ArrayList<>(List.of("lz4", "-q", "-f"));
                command.addAll(List.of(o));
                command.addAll(List.of(text.toString(), out.toString()));
                Tools.run(command);
                assertArrayEquals(TEXT, s.decompress(Files.readAllBytes(out)), String.join(" ", command));
            }
            Path piped = dir.resolve("piped.lz4");
            Tools.run(List.of("sh", "-c", "cat '" + rows + "' | lz4 -q -c > '" + piped + "'"));
            assertArrayEquals(ROWS, s.decompress(Files.readAllBytes(piped)), "lz4 from a pipe");
            Path both = dir.resolve("both.lz4");
            Tools.run(List.of("sh", "-c", "lz4 -q -c '" + text + "' > '" + both + "' && lz4 -q -c -9 -BD '" + rows
                    + "' >> '" + both + "'"));
            assertArrayEquals(ZstdFramesTest.concat(TEXT, ROWS), s.decompress(Files.readAllBytes(both)),
                    "concatenated frames");
            Path legacy = dir.resolve("legacy.lz4");
            Tools.run(List.of("lz4", "-q", "-f", "-l", text.toString(), legacy.toString()));
            byte[] legacyBytes = Files.readAllBytes(legacy);
            WdException e = assertThrows(WdException.class, () -> s.decompress(legacyBytes));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e.getMessage());
        }
    }
}
