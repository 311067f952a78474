package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleIndexTest {

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        assertEquals(List.of("a-1.jar", "b-2.jar"),
                BundleIndex.read(new StringReader("# header\n\na-1.jar\n  b-2.jar  \n# end\n")));
    }

    @Test
    void pathsAreRejected() {
        assertThrows(IOException.class, () -> BundleIndex.read(new StringReader("../evil.jar\n")));
    }

    @Test
    void directoryKeepsTheOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("z.jar"), "");
        Files.writeString(dir.resolve("a.jar"), "");
        Files.writeString(dir.resolve(BundleIndex.FILE_NAME), "z.jar\na.jar\n");
        assertEquals(List.of(dir.resolve("z.jar"), dir.resolve("a.jar")), BundleIndex.readDirectory(dir));
    }

    @Test
    void missingBundleIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(BundleIndex.FILE_NAME), "gone.jar\n");
        assertThrows(IOException.class, () -> BundleIndex.readDirectory(dir));
    }
}
