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
 * Interoperability both ways with one real command-line tool ({@code zstd} or {@code lz4}, the
 * Debian packages of those names, which .ci/run installs): the tool reads what the driver writes
 * at each of the algorithm's kinds of level, and the driver reads what the tool writes with each
 * of its options, from a pipe, and as two files' frames concatenated. Without the tool the test
 * fails, saying what to install: interoperability is not optional.
 */
abstract class ToolInterop extends DriverConformance {
    static final byte[] TEXT = TestFiles.sample("text", 300_000);
    static final byte[] ROWS = TestFiles.sample("rows", 120_000);

    @TempDir
    Path dir;

    /** The algorithm; its {@code uadkName()} is the tool's name and the files' suffix. */
    abstract Algorithm algorithm();

    /** Levels the driver writes at, for the tool to read. */
    abstract int[] levels();

    /** Option sets the tool writes with, for the driver to read. */
    abstract String[][] toolOptions();

    /** How the tool is told to write {@code out} from {@code in} (after its options). */
    abstract List<String> inAndOut(Path in, Path out);

    final String tool() {
        return algorithm().uadkName();
    }

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @BeforeAll
    void theToolIsInstalled() throws Exception {
        Tools.requireInstalled(tool());
    }

    @Test
    void theToolReadsWhatTheDriverWrites() throws Exception {
        for (int level : levels()) {
            try (Session s = compressor.openSession(SessionSpec.of(algorithm()).withLevel(level))) {
                Path compressed = Files.write(dir.resolve("level" + level + "." + tool()), s.compress(TEXT));
                Path restored = dir.resolve("level" + level);
                List<String> command = new ArrayList<>(List.of(tool(), "-q", "-d", "-f"));
                command.addAll(inAndOut(compressed, restored));
                Tools.run(command);
                assertArrayEquals(TEXT, Files.readAllBytes(restored), String.join(" ", command));
            }
        }
    }

    @Test
    void theDriverReadsWhatTheToolWrites() throws Exception {
        Path text = Files.write(dir.resolve("text"), TEXT);
        Path rows = Files.write(dir.resolve("rows"), ROWS);
        try (Session s = compressor.openSession(SessionSpec.of(algorithm()))) {
            for (String[] o : toolOptions()) {
                Path out = dir.resolve("text." + tool());
                List<String> command = new ArrayList<>(List.of(tool(), "-q", "-f"));
                command.addAll(List.of(o));
                command.addAll(inAndOut(text, out));
                Tools.run(command);
                assertArrayEquals(TEXT, s.decompress(Files.readAllBytes(out)), String.join(" ", command));
            }
            // from standard input: a frame without a content size
            Path piped = dir.resolve("piped." + tool());
            Tools.run(List.of("sh", "-c", "cat '" + rows + "' | " + tool() + " -q -c > '" + piped + "'"));
            assertArrayEquals(ROWS, s.decompress(Files.readAllBytes(piped)), tool() + " from a pipe");
            // two files' frames concatenated, as cat a b writes them
            Path both = dir.resolve("both." + tool());
            Tools.run(List.of("sh", "-c", tool() + " -q -c '" + text + "' > '" + both + "' && " + tool() + " -q -c -9 '"
                    + rows + "' >> '" + both + "'"));
            assertArrayEquals(ZstdFramesTest.concat(TEXT, ROWS), s.decompress(Files.readAllBytes(both)),
                    "concatenated frames");
        }
    }
}
