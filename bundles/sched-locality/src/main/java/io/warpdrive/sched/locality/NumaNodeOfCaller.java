package io.warpdrive.sched.locality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The NUMA node of the calling thread: its CPU (sched_getcpu through JNA, re-read at most
 * every refresh interval per thread) mapped to a node with the kernel's
 * {@code /sys/devices/system/node/node<N>/cpulist}. -1 when the platform cannot tell
 * (no JNA, not Linux).
 */
final class NumaNodeOfCaller {
    private final int[] nodeOfCpu;
    private final long refreshNanos;
    private final boolean available;
    private final ThreadLocal<long[]> cached = ThreadLocal.withInitial(() -> new long[] { -1, 0 });

    NumaNodeOfCaller(Path nodeRoot, long refreshNanos) {
        this.nodeOfCpu = readCpuLists(nodeRoot);
        this.refreshNanos = refreshNanos;
        this.available = nodeOfCpu.length > 0 && Cpu.available();
    }

    /** The caller's node, or -1. */
    int current() {
        if (!available) {
            return -1;
        }
        long[] c = cached.get();
        long now = System.nanoTime();
        if (c[0] < 0 || now - c[1] > refreshNanos) {
            int cpu = Cpu.current();
            c[0] = cpu >= 0 && cpu < nodeOfCpu.length ? nodeOfCpu[cpu] : -1;
            c[1] = now;
        }
        return (int) c[0];
    }

    boolean isAvailable() {
        return available;
    }

    /** cpu → node, from the cpulist files ("0-3,8-11"). */
    static int[] readCpuLists(Path nodeRoot) {
        int[] map = new int[0];
        for (int node = 0; Files.isRegularFile(nodeRoot.resolve("node" + node + "/cpulist")); node++) {
            String list;
            try {
                list = Files.readString(nodeRoot.resolve("node" + node + "/cpulist")).trim();
            } catch (IOException e) {
                return new int[0];
            }
            for (String range : list.split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                String[] ends = range.split("-");
                int from = Integer.parseInt(ends[0].trim());
                int to = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : from;
                if (to >= map.length) {
                    int old = map.length;
                    map = Arrays.copyOf(map, to + 1);
                    Arrays.fill(map, old, map.length, -1);
                }
                for (int cpu = from; cpu <= to; cpu++) {
                    map[cpu] = node;
                }
            }
        }
        return map;
    }

    /** sched_getcpu through JNA direct mapping; absent JNA or symbol means "unknown". */
    private static final class Cpu {
        private static final boolean REGISTERED = register();

        private static boolean register() {
            try {
                com.sun.jna.Native.register(Cpu.class, com.sun.jna.Platform.C_LIBRARY_NAME);
                sched_getcpu();
                return true;
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }

        static boolean available() {
            return REGISTERED;
        }

        static int current() {
            return REGISTERED ? sched_getcpu() : -1;
        }

        private static native int sched_getcpu();
    }
}
