package io.warpdrive.shell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole process as uadk_tool measures it: utime + stime from
 * {@code /proc/self/stat}, in clock ticks (100 per second), so 100 % is one core busy.
 */
final class ProcessCpu {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Ticks used so far, or -1 where /proc cannot tell. */
    static long ticks() {
        try {
            String stat = Files.readString(STAT);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3, utime 14 and stime 15 (1-based).
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Percent of one core used between two readings over {@code seconds}. */
    static double percent(long before, long after, double seconds) {
        if (before < 0 || after < 0 || seconds <= 0) {
            return -1;
        }
        return (after - before) / TICKS_PER_SECOND / seconds * 100;
    }
}
