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

    /** {@code --compare}: every run, who served auto's requests, and auto / the best single driver. */
    static void compareText(PrintStream out, Map<String, Object> params, List<RunResult> results,
            Map<String, Long> autoServed, RunResult auto, RunResult best) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            out.println("[--" + p.getKey() + "]: " + p.getValue());
        }
        out.println("algname:\tlength:\t\tperf:\t\tiops:\t\tCPU_rate:");
        for (RunResult r : results) {
            out.println(String.format(Locale.ROOT, "%-8s\t%-2dBytes \t%.2fKiB/s\t%.1fKops \t%.2f%%", r.name(),
                    params.get("pktlen"), r.bytesPerSecond() / 1024, r.kops(), r.cpuPercent()));
        }
        if (auto != null) {
            out.println("auto served by: " + shares(autoServed));
        }
        if (auto != null && best != null) {
            out.println(String.format(Locale.ROOT, "auto / best (%s): %.2f", best.name(),
                    auto.bytesPerSecond() / best.bytesPerSecond()));
        }
    }

    static void compareJson(PrintStream out, Map<String, Object> params, List<RunResult> results,
            Map<String, Long> autoServed, RunResult auto, RunResult best) {
        StringBuilder b = paramsJson(params);
        boolean first = true;
        for (RunResult r : results) {
            b.append(first ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":%s,\"bytes_per_second\":%.0f,\"kops\":%.3f,\"cpu_rate\":%.2f}", quote(r.name()),
                    r.bytesPerSecond(), r.kops(), r.cpuPercent()));
            first = false;
        }
        b.append("],\"auto_served_by\":{");
        first = true;
        for (Map.Entry<String, Long> e : autoServed.entrySet()) {
            b.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
            first = false;
        }
        b.append('}');
        if (auto != null && best != null) {
            b.append(String.format(Locale.ROOT, ",\"best\":%s,\"auto_vs_best\":%.4f", quote(best.name()),
                    auto.bytesPerSecond() / best.bytesPerSecond()));
        }
        out.println(b.append('}'));
    }

    private static String shares(Map<String, Long> served) {
        long total = 0;
        for (long n : served.values()) {
            total += n;
        }
        if (total == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : served.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.1f%%", 100.0 * e.getValue() / total));
        }
        return b.toString();
    }

    static void json(PrintStream out, Map<String, Object> params, List<RunResult> results, String servedBy,
            double ratio) {
        StringBuilder b = paramsJson(params);
        boolean first = true;
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

    /** {@code {"params":{…},"runs":[} with the parameters as uadk_tool echoes them: the start of both reports. */
    private static StringBuilder paramsJson(Map<String, Object> params) {
        StringBuilder b = new StringBuilder("{\"params\":{");
        boolean first = true;
        for (Map.Entry<String, Object> p : params.entrySet()) {
            b.append(first ? "" : ",").append(quote(p.getKey())).append(':').append(value(p.getValue()));
            first = false;
        }
        return b.append("},\"runs\":[");
    }
}
