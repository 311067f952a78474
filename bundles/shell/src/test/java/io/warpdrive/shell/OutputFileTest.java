package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path tmp;

    @Test
    void nothingAppearsUnderTheFinalNameUntilCommitted() throws Exception {
        Path target = tmp.resolve("out.gz");
        try (OutputFile out = OutputFile.create(target, false)) {
            out.channel().write(ByteBuffer.wrap("partial".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(Files.exists(target));
            out.commit();
        }
        assertEquals("partial", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void anUncommittedFileIsRemovedAndAnExistingOneKept() throws Exception {
        Path target = Files.writeString(tmp.resolve("out"), "old");
        try (OutputFile out = OutputFile.create(target, true)) {
            out.channel().write(ByteBuffer.wrap("new, unfinished".getBytes(StandardCharsets.US_ASCII)));
        }
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list());
        assertThrows(FileAlreadyExistsException.class, () -> OutputFile.create(target, false));
    }

    private List<Path> list() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.sorted().toList();
        }
    }
}
