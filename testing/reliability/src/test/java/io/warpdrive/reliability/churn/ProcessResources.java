package io.warpdrive.reliability.churn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the process holds now: threads, open descriptors, mapped regions, resident memory (Linux /proc). */
record ProcessResources(int threads, long fds, long mappings, long rssKib, long heapCommittedKib) {

    static ProcessResources now() {
        return new ProcessResources(ManagementFactory.getThreadMXBean().getThreadCount(), count(Path.of("/proc/self/fd")),
                lines(Path.of("/proc/self/maps")), readRssKib(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 10);
    }

    private static long count(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readRssKib() {
        try (Stream<String> s = Files.lines(Path.of("/proc/self/status"))) {
            return s.filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        // The heap grows as the JVM likes; reported beside RSS so the two can be told apart.
        return threads + " threads, " + fds + " fds, " + mappings + " mapped regions, RSS " + (rssKib >> 10)
                + " MiB (heap committed " + (heapCommittedKib >> 10) + " MiB)";
    }
}
