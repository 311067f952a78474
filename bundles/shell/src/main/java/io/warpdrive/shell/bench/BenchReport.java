package io.warpdrive.shell.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** uadk_tool's result layout, or the same as JSON. */
final class BenchReport {
    private BenchReport() {
    }

    static void text(PrintStream out, Map<String, Object> params, List<RunResult> results, String servedBy,
            double ratio) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            out.println("[--" + p.getKey() + "]: " + p.getValue());
        }
        out.println("algname:\tlength:\t\tperf:\t\tiops:\t\tCPU_rate:");
        for (RunResult r : results) {
            out.println(String.format(Locale.ROOT, "%-8s\t%-2dBytes \t%.2fKiB/s\t%.1fKops \t%.2f%%", r.name(),
                    params.get("pktlen"), r.bytesPerSecond() / 1024, r.kops(), r.cpuPercent()));
        }
        out.println("served by: " + (servedBy == null ? "-" : servedBy));
        out.println(String.format(Locale.ROOT, "ratio vs direct: %.2f", ratio));
    }

    static void json(PrintStream out, Map<String, Object> params, List<RunResult> results, String servedBy,
            double ratio) {
        StringBuilder b = new StringBuilder("{\"params\":{");
        boolean first = true;
        for (Map.Entry<String, Object> p : params.entrySet()) {
            b.append(first ? "" : ",").append(quote(p.getKey())).append(':').append(value(p.getValue()));
            first = false;
        }
        b.append("},\"runs\":[");
        first = true;
        for (RunResult r : results) {
            b.append(first ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":%s,\"length\":%s,\"perf_kib_s\":%.2f,\"bytes_per_second\":%.0f,\"kops\":%.3f,"
                            + "\"cpu_rate\":%.2f,\"packets\":%d,\"seconds\":%.3f}",
                    quote(r.name()), params.get("pktlen"), r.bytesPerSecond() / 1024, r.bytesPerSecond(), r.kops(),
                    r.cpuPercent(), r.packets(), r.seconds()));
            first = false;
        }
        b.append("],\"served_by\":").append(servedBy == null ? "null" : quote(servedBy));
        b.append(String.format(Locale.ROOT, ",\"ratio_vs_direct\":%.4f}", ratio));
        out.println(b);
    }

    private static String value(Object v) {
        return v instanceof Number ? v.toString() : quote(String.valueOf(v));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
