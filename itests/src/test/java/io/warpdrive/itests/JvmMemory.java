package io.warpdrive.itests;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where this JVM's memory outside the Java heap goes: classes loaded and unloaded, metaspace
 * (and its compressed class space), direct and mapped NIO buffers, and — with
 * {@code -XX:NativeMemoryTracking=summary} — the committed native memory by NMT category. For
 * telling a class loader leak (classes and metaspace grow) from native memory a driver does not
 * free (NMT malloc "Other", direct buffers) from memory the C allocator keeps (RSS grows, NMT
 * does not).
 */
record JvmMemory(int loadedClasses, long totalLoaded, long unloaded, long metaspaceUsedKib,
        long classSpaceUsedKib, long directCount, long directKib, long mappedCount, long mappedKib,
        Map<String, Long> nmtCommittedKib) {

    private static final String DIAGNOSTIC = "com.sun.management:type=DiagnosticCommand";

    static JvmMemory now() {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long metaspace = 0;
        long classSpace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed() >> 10;
            } else if (pool.getName().equals("Compressed Class Space")) {
                classSpace = pool.getUsage().getUsed() >> 10;
            }
        }
        long directCount = 0;
        long directBytes = 0;
        long mappedCount = 0;
        long mappedBytes = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                directCount = pool.getCount();
                directBytes = pool.getMemoryUsed();
            } else if (pool.getName().equals("mapped")) {
                mappedCount = pool.getCount();
                mappedBytes = pool.getMemoryUsed();
            }
        }
        return new JvmMemory(classes.getLoadedClassCount(), classes.getTotalLoadedClassCount(),
                classes.getUnloadedClassCount(), metaspace, classSpace, directCount, directBytes >> 10, mappedCount,
                mappedBytes >> 10, nmtCommitted());
    }

    /**
     * The committed KiB of each NMT category ({@code VM.native_memory summary}); empty when the
     * JVM runs without native memory tracking.
     */
    static Map<String, Long> nmtCommitted() {
        String summary = diagnostic("vmNativeMemory", "summary");
        Map<String, Long> committed = new LinkedHashMap<>();
        if (summary == null) {
            return committed;
        }
        // "Total: reserved=...KB, committed=...KB" and "-  Class (reserved=...KB, committed=...KB)"
        for (String line : summary.split("\n")) {
            String l = line.trim();
            int at = l.indexOf("committed=");
            if (at < 0 || !(l.startsWith("Total") || l.startsWith("-"))) {
                continue;
            }
            String name = l.startsWith("Total") ? "Total" : l.substring(1, l.indexOf('(')).trim();
            String digits = l.substring(at + "committed=".length()).replaceAll("^([0-9]+).*", "$1");
            committed.put(name, Long.parseLong(digits));
        }
        return committed;
    }

    /**
     * Live instances of {@code className} over every class loader, counted after a full GC
     * ({@code GC.class_histogram}): a stopped component still reachable shows as one more.
     */
    static long liveInstances(String className) {
        String histogram = diagnostic("gcClassHistogram");
        if (histogram == null) {
            return -1;
        }
        long instances = 0;
        for (String line : histogram.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[3].equals(className)) {
                instances += Long.parseLong(cols[1]);
            }
        }
        return instances;
    }

    /**
     * Gives the C allocator's free memory back to the OS ({@code System.trim_native_heap}, glibc
     * {@code malloc_trim}); its one-line answer says by how much RSS fell.
     */
    static String trimNativeHeap() {
        String answer = diagnostic("systemTrimNativeHeap");
        return answer == null ? "System.trim_native_heap not offered by this JVM" : answer.trim();
    }

    /** A diagnostic command's output, or null when the JVM does not offer it (or refuses). */
    private static String diagnostic(String operation, String... args) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            return (String) server.invoke(new ObjectName(DIAGNOSTIC), operation, new Object[] {args},
                    new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    /** The NMT categories that changed by at least {@code minKib}, {@code first -> last}. */
    static String nmtGrowth(JvmMemory first, JvmMemory last, long minKib) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : last.nmtCommittedKib().entrySet()) {
            long before = first.nmtCommittedKib().getOrDefault(e.getKey(), 0L);
            if (Math.abs(e.getValue() - before) >= minKib) {
                s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(before >> 10).append("->")
                        .append(e.getValue() >> 10).append(" MiB");
            }
        }
        return s.isEmpty() ? "no NMT category moved by " + minKib + " KiB" : s.toString();
    }

    @Override
    public String toString() {
        String nmt = nmtCommittedKib.isEmpty() ? "" : ", NMT committed " + List.copyOf(nmtCommittedKib.entrySet());
        return loadedClasses + " classes loaded (" + totalLoaded + " ever, " + unloaded + " unloaded), metaspace "
                + (metaspaceUsedKib >> 10) + " MiB (class space " + (classSpaceUsedKib >> 10) + " MiB), direct buffers "
                + directCount + " / " + (directKib >> 10) + " MiB, mapped buffers " + mappedCount + " / "
                + (mappedKib >> 10) + " MiB" + nmt;
    }
}
