package io.warpdrive.shell;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code models}: what the platform has learned of each engine — per kind of request and size,
 * the predicted time of a sync request (µs), the throughput it implies (MB/s) and the samples
 * behind it — and the sizes at which another engine becomes the fastest.
 */
final class ModelReport {
    /** The level shown for each level class: fast, default, best. */
    private static final int[] LEVELS = { 1, 6, 9 };
    private static final String[] LEVEL_NAMES = { "fast (levels 1-3)", "default (4-6)", "best (7-9)" };
    /** Request sizes shown: the size classes' upper bounds. */
    private static final long[] SIZES = { 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20 };

    private final Platform platform;

    ModelReport(Platform platform) {
        this.platform = platform;
    }

    void print(PrintStream out) {
        List<ModelInfo> models = platform.models();
        if (models.isEmpty()) {
            out.println("no engine has served a request yet");
            return;
        }
        boolean any = false;
        for (Operation op : Operation.values()) {
            for (Algorithm alg : Algorithm.values()) {
                for (int lc = 0; lc < LEVELS.length; lc++) {
                    if (op == Operation.DECOMPRESS && lc > 0) {
                        continue;
                    }
                    any |= table(out, models, op, alg, lc);
                }
            }
        }
        if (!any) {
            out.println("no engine has served a request yet");
        }
        List<String> crossovers = platform.crossovers();
        out.println("crossovers:" + (crossovers.isEmpty() ? " none yet (fewer than two engines know a kind of request)" : ""));
        for (String c : crossovers) {
            out.println("  " + c);
        }
        for (ModelInfo m : models) {
            if (m.refused() != null) {
                out.println(m.driver() + "/" + m.device() + " gets no traffic: " + m.refused());
            }
        }
    }

    private static boolean table(PrintStream out, List<ModelInfo> models, Operation op, Algorithm alg, int lc) {
        int level = LEVELS[lc];
        List<ModelInfo> known = new ArrayList<>();
        for (ModelInfo m : models) {
            for (long size : SIZES) {
                if (m.samples(op, alg, level, size) > 0) {
                    known.add(m);
                    break;
                }
            }
        }
        if (known.isEmpty()) {
            return false;
        }
        out.println(alg.uadkName() + " " + op.name().toLowerCase(Locale.ROOT)
                + (op == Operation.COMPRESS ? ", " + LEVEL_NAMES[lc] : "") + ", sync: predicted µs, MB/s (samples)");
        String[] header = new String[known.size() + 1];
        header[0] = "size";
        for (int i = 0; i < known.size(); i++) {
            header[i + 1] = known.get(i).driver() + "/" + known.get(i).device();
        }
        TextTable t = new TextTable(header);
        for (long size : SIZES) {
            Object[] row = new Object[known.size() + 1];
            row[0] = Sizes.human(size);
            boolean seen = false;
            for (int i = 0; i < known.size(); i++) {
                ModelInfo m = known.get(i);
                long samples = m.samples(op, alg, level, size);
                long ns = m.predictNanos(op, alg, level, size, true);
                seen |= samples > 0;
                row[i + 1] = ns < 0 ? (samples == 0 ? "-" : "learning (" + samples + ")")
                        : String.format(Locale.ROOT, "%.1f µs, %.0f MB/s (%d)", ns / 1000.0, size * 1000.0 / ns, samples);
            }
            if (seen) {
                t.row(row);
            }
        }
        t.print(out);
        out.println();
        return true;
    }
}
