package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSyntaxTest {

    @Test
    void optionsTheirValuesAndOperandsOfCompress() {
        CommandSyntax s = CommandSyntax.of(Usage.line("compress"));
        assertEquals(List.of("-a", "-l", "-f", "--driver", "-b", "-p", "--force", "-c", "-q", "-v"), s.options());
        assertTrue(s.takesValue("-p"));
        assertTrue(s.takesValue("--driver"));
        assertEquals("gzip|zlib|deflate|zstd|lz4", s.valueOf("-a"));
        assertTrue(s.takesValue("-b"));
        assertFalse(s.takesValue("--force"));
        assertFalse(s.takesValue("-c"), "a flag before the operands does not take INPUT as its value");
        assertEquals(List.of("INPUT|-", "OUTPUT|-"), s.operands());
    }

    @Test
    void nestedOperandsAndAlternativeFlags() {
        CommandSyntax queues = CommandSyntax.of(Usage.line("queues"));
        assertEquals(List.of("DRIVER", "DEVICE", "N"), queues.operands());
        assertEquals("shared|sync|async", queues.valueOf("--mode"));
        assertEquals("NAME", queues.valueOf("--consumer"));
        CommandSyntax bench = CommandSyntax.of(Usage.line("bench"));
        assertTrue(bench.options().containsAll(List.of("--sync", "--async", "--driver", "--json")), bench.options().toString());
        assertFalse(bench.takesValue("--sync"));
        assertEquals("NAME|auto", bench.valueOf("--driver"));
        assertEquals(List.of("use", "NAME|--ranking"), CommandSyntax.of(Usage.line("sched")).operands());
    }

    @Test
    void literalsExpandRangesAndLeavePlaceholders() {
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), CommandSyntax.literals("1-9"));
        assertEquals(List.of("auto"), CommandSyntax.literals("NAME|auto"));
        assertEquals(List.of("NAME"), CommandSyntax.placeholders("NAME|auto"));
        assertEquals(List.of(), CommandSyntax.literals("INPUT|-"));
    }
}
