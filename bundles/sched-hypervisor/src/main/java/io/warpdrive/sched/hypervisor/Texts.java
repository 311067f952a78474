package io.warpdrive.sched.hypervisor;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** How the hypervisor writes sizes, times and amounts in its log and in the shell. */
final class Texts {
    private Texts() {
    }

    static String name(int op) {
        return io.warpdrive.comp.Operation.values()[op].name().toLowerCase(Locale.ROOT);
    }

    /** "compress 3, decompress 2". */
    static String sizes(int[] perOp) {
        StringBuilder b = new StringBuilder();
        for (int op = 0; op < Assignment.OPS; op++) {
            b.append(op == 0 ? "" : ", ").append(name(op)).append(' ').append(perOp[op]);
        }
        return b.toString();
    }

    /** A context's sizes, as {@link #sizes(int[])}. */
    static String sizes(io.warpdrive.sched.resize.SchedulingContext c) {
        return sizes(perOp(c));
    }

    /** A context's sizes, by direction ordinal. */
    static int[] perOp(io.warpdrive.sched.resize.SchedulingContext c) {
        int[] perOp = new int[Assignment.OPS];
        for (io.warpdrive.comp.Operation op : io.warpdrive.comp.Operation.values()) {
            perOp[op.ordinal()] = c.size(op);
        }
        return perOp;
    }

    static String millis(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return ms >= 10_000 ? ms / 1000 + " s" : ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : ms + " ms";
    }

    /** "12.0 MiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
