package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FileFailuresTest {
    @Test
    void fileFailuresReadAsTheUsersWordsWithoutExceptionNames() {
        assertEquals("permission denied: /x", FileFailures.describe(new AccessDeniedException("/x")));
        assertEquals("no such file or directory: /x", FileFailures.describe(new NoSuchFileException("/x")));
        assertEquals("/x already exists (--force replaces it)", FileFailures.describe(new FileAlreadyExistsException("/x")));
        assertEquals("/x: read-only file system", FileFailures.describe(new FileSystemException("/x", null,
                "Read-only file system")));
        assertEquals("is a directory", FileFailures.describe(new IOException("Is a directory")));
        assertEquals("input/output error", FileFailures.describe(new IOException()));
    }
}
