package io.warpdrive.testing.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this process holds now (Linux /proc): JVM threads (ThreadMXBean), all OS threads
 * (which include native threads the JVM does not know, such as an emulator's), open
 * descriptors, mapped regions, resident memory, and the committed heap beside it (the JVM
 * grows the heap at will, so RSS alone says little).
 */
public record ProcessResources(int threads, long osThreads, long fds, long mappings, long rssKib, long heapCommittedKib) {

    /** A probe of the process now. */
    public static ProcessResources now() {
        return new ProcessResources(ManagementFactory.getThreadMXBean().getThreadCount(), status("Threads:"),
                count(Path.of("/proc/self/fd")), lines(Path.of("/proc/self/maps")), status("VmRSS:"),
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

    /** A number of /proc/self/status ({@code VmRSS:} is in KiB). */
    private static long status(String key) {
        try (Stream<String> s = Files.lines(Path.of("/proc/self/status"))) {
            return s.filter(l -> l.startsWith(key)).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return threads + " JVM threads (" + osThreads + " OS threads), " + fds + " fds, " + mappings
                + " mapped regions, RSS " + (rssKib >> 10) + " MiB (heap committed " + (heapCommittedKib >> 10)
                + " MiB)";
    }
}
