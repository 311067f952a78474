package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfFileTest {
    @TempDir
    Path tmp;

    @Test
    void setKeepsCommentsOrderAndTheSpellingOfLinesWhoseValueStays() {
        String text = "# comment\nqueues.default = 3\nlong=a,\\\n  b\nqueues=soft=2\nqueues=dup\n";
        assertEquals("# comment\nqueues.default = 3\nlong=a,\\\n  b\nqueues=soft=5\nnew=x\n",
                ConfFile.with(text, Map.of("queues", "soft=5", "queues.default", "3", "new", "x"), false));
    }

    @Test
    void aPlaceholderIsKeptRatherThanReplacedByItsExpandedValue() {
        assertEquals("dir=${warpdrive.home}/x\n", ConfFile.with("dir=${warpdrive.home}/x\n", Map.of("dir", "/wd/x"), true));
    }

    @Test
    void replaceRemovesEntriesOfOtherKeysButKeepsComments() {
        assertEquals("# comment\nb=2\n", ConfFile.with("# comment\na=1\nb=2\n", Map.of("b", "2"), true));
    }

    @Test
    void aChangeIsWrittenByRenameAndNoChangeWritesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.cfg"), "# keep\na=1\n");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        assertFalse(ConfFile.set(file, Map.of("a", "1")));
        assertEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        assertTrue(ConfFile.set(file, Map.of("a", "2")));
        assertEquals("# keep\na=2\n", Files.readString(file));
        assertNotEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey(), "a new file, renamed");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left");
        }
    }

    @Test
    void settingsLeaveOutWhatConfigurationAdminAndFileInstallAdd() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", "p");
        props.put("felix.fileinstall.filename", "file:/x.cfg");
        props.put("list", new String[] { "a", "b" });
        props.put("n", 4);
        assertEquals(Map.of("list", "a,b", "n", "4"), ConfFile.settings(props));
    }
}
