package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What Tab offers after a word of a wd: command line (the console asks wd:_candidates). */
class ShellCompletionTest {
    private static final List<String> DRIVERS = List.of("hisi_zip", "isal", "soft");
    private static final List<String> POLICIES = List.of("priority", "rr");

    private static List<String> at(String line) {
        List<String> words = new java.util.ArrayList<>(List.of(line.split(" ")));
        if (line.endsWith(" ")) {
            words.add("");
        }
        return ShellCompletion.candidates(words, words.size() - 1, DRIVERS, POLICIES);
    }

    @Test
    void optionValues() {
        assertEquals(List.of("gzip", "zlib", "deflate", "zstd", "lz4"), at("compress -a "));
        assertEquals(List.of("gzip", "zlib", "deflate", "zstd", "lz4"), at("wd:decompress -a "));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), at("compress -l "), "gzip's levels without -a");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"), at("compress -a lz4 -l "));
        List<String> zstd = at("wd:compress -a zstd -l ");
        assertEquals(List.of("-5", "-4", "-3", "-2", "-1", "1"), zstd.subList(0, 6), "zstd: some fast levels, no 0");
        assertEquals("22", zstd.get(zstd.size() - 1));
        assertEquals(12, at("bench --alg lz4 --level ").size());
        assertEquals(List.of(), at("compress -a nosuch -l "));
        assertEquals(List.of("auto", "hardware", "software"), at("compress -f "));
        assertEquals(List.of("shared", "sync", "async"), at("queues soft 2 --mode "));
    }

    @Test
    void driverNamesWhereADriverIsAsked() {
        assertEquals(List.of("auto", "hisi_zip", "isal", "soft"), at("bench --driver "));
        assertEquals(DRIVERS, at("wd:queues "));
        assertEquals(List.of(), at("queues soft hisi_zip-0 "), "DEVICE and N: nothing to offer");
    }

    @Test
    void operandsCountPastOptionsAndTheirValues() {
        assertEquals(List.of("use"), at("sched "));
        assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of("--ranking"), POLICIES.stream()).toList(), at("sched use "),
                "a policy to choose, or --ranking to clear the choice");
        assertEquals(List.copyOf(Usage.commands()), at("help "));
        assertEquals(List.of(), at("compress -a gzip -l 6 "), "the input file: no words to offer");
        assertEquals(List.of(), at("drivers "));
        assertEquals(List.of(), at("nosuch -a "));
    }

    @Test
    void everyCommandGetsItsSummaryOptionsAndValueCompletion() {
        List<String> lines = ShellCompletion.completeCommands();
        for (String command : Usage.commands()) {
            String c = "complete -c wd:" + command;
            assertTrue(lines.contains(c + " -e"), command);
            assertTrue(lines.contains(c + " -d \"" + Usage.summary(command) + "\""), command);
            assertTrue(lines.contains(c + " -a 'wd:_candidates ($.commandLine words) ($.commandLine wordIndex)'"), command);
        }
        assertTrue(lines.contains("complete -c wd:compress -s a -s l -s f -l driver -s b -s p -l force -s c -s q -s v"), lines.toString());
    }
}
