package io.warpdrive.testing.kit;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this process holds now (Linux /proc): JVM threads (ThreadMXBean), all OS threads
 * (which include native threads the JVM does not know, such as an emulator's), open
 * descriptors, mapped regions, resident memory (read after glibc gave its free memory back:
 * {@code malloc_trim}), the committed heap beside it (the JVM grows the heap at will, so RSS
 * alone says little), and the JVM's direct buffers (BufferPoolMXBean "direct": count and bytes).
 */
public record ProcessResources(int threads, long osThreads, long fds, long mappings, long rssKib, long heapCommittedKib,
        long directBuffers, long directBytes) {

    /** A probe of the process now. */
    public static ProcessResources now() {
        trimNativeHeap();
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        return new ProcessResources(ManagementFactory.getThreadMXBean().getThreadCount(), status("Threads:"),
                count(Path.of("/proc/self/fd")), lines(Path.of("/proc/self/maps")), status("VmRSS:"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 10, direct.getCount(),
                direct.getMemoryUsed());
    }

    /**
     * Whether resident memory measures native memory alone: the heap is fixed and touched from the
     * start ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}).
     */
    public static boolean heapPreTouched() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch");
    }

    /** glibc's {@code malloc_trim(0)}: gives free arena memory back, so RSS shows what is still allocated. */
    private static void trimNativeHeap() {
        try {
            NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0});
        } catch (UnsatisfiedLinkError e) {
            // not glibc: RSS is read untrimmed
        }
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
                + " MiB), " + directBuffers + " direct buffers of " + (directBytes >> 10) + " KiB";
    }
}
