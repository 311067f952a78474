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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interoperability both ways with the real {@code lz4} tool: it reads what the driver writes at
 * fast and HC levels, stateless and as a stream with flushes; the driver reads what it writes
 * with every frame option the tool has (block sizes, linked blocks, block checksums, content
 * size, no content checksum), and refuses its legacy format as UNSUPPORTED.
 */
class Lz4ToolInteropTest extends ToolInterop {
    @Override
    Algorithm algorithm() {
        return Algorithm.LZ4;
    }

    @Override
    int[] levels() {
        return new int[] {1, 2, 3, 9, 12};
    }

    @Override
    String[][] toolOptions() {
        return new String[][] {{"-1"}, {"-9"}, {"-12"}, {"-BD"}, {"-BD", "-9", "-B4"}, {"-BX"}, {"-B4"}, {"-B5"},
            {"-B6"}, {"--content-size"}, {"--no-frame-crc"}, {"-BD", "-BX", "--content-size", "-B4"}, {"--fast=3"}};
    }

    @Override
    List<String> inAndOut(Path in, Path out) {
        return List.of(in.toString(), out.toString());
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
    void theLegacyFormatIsUnsupported() throws Exception {
        Path text = Files.write(dir.resolve("text"), TEXT);
        Path legacy = dir.resolve("legacy.lz4");
        Tools.run(List.of("lz4", "-q", "-f", "-l", text.toString(), legacy.toString()));
        byte[] legacyBytes = Files.readAllBytes(legacy);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.LZ4))) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(legacyBytes));
            assertEquals(WdStatus.UNSUPPORTED, e.status(), e.getMessage());
        }
    }
}
