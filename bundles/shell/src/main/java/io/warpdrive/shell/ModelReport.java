package io.warpdrive.shell;

import io.warpdrive.admin.ModelEstimate;
import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code models}: what the platform has learned of each engine — per kind of request and size,
 * the predicted time of a sync request (µs), the throughput it implies (MB/s), the samples behind
 * it and the confidence — when each engine last passed its calibration, and the sizes at which
 * another engine becomes the fastest.
 */
final class ModelReport {
    private final Platform platform;

    ModelReport(Platform platform) {
        this.platform = platform;
    }

    void print(PrintStream out) {
        print(out, platform.models(), platform.crossovers());
    }

    static void print(PrintStream out, List<ModelInfo> models, List<String> crossovers) {
        // kind -> size -> engine -> estimate; kinds in the order the engines list them
        Map<String, Map<Long, Map<ModelInfo, ModelEstimate>>> byKind = new LinkedHashMap<>();
        Map<String, List<ModelInfo>> enginesByKind = new LinkedHashMap<>();
        for (ModelInfo m : models) {
            for (ModelEstimate e : m.estimates()) {
                byKind.computeIfAbsent(e.kind(), k -> new TreeMap<>()).computeIfAbsent(e.bytes(), b -> new LinkedHashMap<>())
                        .put(m, e);
                List<ModelInfo> engines = enginesByKind.computeIfAbsent(e.kind(), k -> new ArrayList<>());
                if (!engines.contains(m)) {
                    engines.add(m);
                }
            }
        }
        if (byKind.isEmpty()) {
            out.println("no engine has served a request yet");
        }
        for (Map.Entry<String, Map<Long, Map<ModelInfo, ModelEstimate>>> kind : byKind.entrySet()) {
            List<ModelInfo> engines = enginesByKind.get(kind.getKey());
            out.println(kind.getKey() + ", sync: predicted µs, MB/s (samples, confidence)");
            String[] header = new String[engines.size() + 1];
            header[0] = "size";
            for (int i = 0; i < engines.size(); i++) {
                header[i + 1] = name(engines.get(i));
            }
            TextTable t = new TextTable(header);
            for (Map.Entry<Long, Map<ModelInfo, ModelEstimate>> size : kind.getValue().entrySet()) {
                Object[] row = new Object[engines.size() + 1];
                row[0] = io.warpdrive.admin.ModelEstimate.sizeName(size.getKey());
                for (int i = 0; i < engines.size(); i++) {
                    row[i + 1] = cell(size.getValue().get(engines.get(i)));
                }
                t.row(row);
            }
            t.print(out);
            out.println();
        }
        if (!models.isEmpty()) {
            out.println("last calibration:");
            for (ModelInfo m : models) {
                long at = m.lastCalibrationMillis();
                out.println("  " + name(m) + " " + (at == 0 ? "none (learning from its traffic)"
                        : Instant.ofEpochMilli(at).toString()));
            }
        }
        out.println("crossovers:" + (crossovers.isEmpty() ? " none yet (fewer than two engines know a kind of request)" : ""));
        for (String c : crossovers) {
            out.println("  " + c);
        }
        for (ModelInfo m : models) {
            if (m.refused() != null) {
                out.println(name(m) + " gets no traffic: " + m.refused());
            }
        }
    }

    private static String name(ModelInfo m) {
        return m.driver() + "/" + m.device();
    }

    private static String cell(ModelEstimate e) {
        if (e == null) {
            return "-";
        }
        if (e.syncNanos() < 0) {
            return "learning (" + e.samples() + ")";
        }
        return String.format(Locale.ROOT, "%.1f µs, %.0f MB/s (%d, %.2f)", e.micros(), e.megabytesPerSecond(),
                e.samples(), e.confidence());
    }
}
