package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTest {

    private static String print(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Usage.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyOneLinerIsAWholeSentence() {
        for (String command : Usage.commands()) {
            String summary = Usage.summary(command);
            assertTrue(Character.isUpperCase(summary.charAt(0)) && summary.endsWith("."), command + ": " + summary);
            assertTrue(!summary.endsWith(";.") && summary.indexOf(';') < 0, command + " is not cut: " + summary);
        }
    }

    @Test
    void theListShowsEachCommandWithItsOneLinerInOrder() {
        List<String> lines = print(null).lines().toList();
        int i = 1;
        for (String command : Usage.commands()) {
            assertEquals(String.format("  %-11s %s", command, Usage.summary(command)), lines.get(i++));
        }
        assertTrue(print(null).contains("'felix:help' lists the framework's and Gogo's own commands"), print(null));
    }

    @Test
    void helpOfACommandIsItsUsageLineAndEveryDetail() {
        String help = print("compress");
        assertTrue(help.startsWith("usage: compress [-a gzip|zlib|deflate|zstd|lz4] [-l LEVEL]"), help);
        assertTrue(help.contains("  Compresses a file (or stdin) through the platform."), help);
        assertTrue(help.contains("-v reports the sizes and the driver that served it on stderr."), help);
        assertTrue(print("top").contains("Ctrl-C stops it."), print("top"));
    }
}
