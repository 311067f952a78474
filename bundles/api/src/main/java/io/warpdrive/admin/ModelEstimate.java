package io.warpdrive.admin;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of an engine's performance model as shells and consoles show it ({@code wd:models},
 * JMX, the web console): for a kind of request (operation, algorithm, level class) and a request
 * size, the predicted time of a sync request, the throughput it implies, the samples behind it and
 * how settled it is.
 *
 * @param kind the kind of request, e.g. {@code "gzip compress, fast (levels 1-3)"}
 * @param bytes the request size: the upper bound of its size class
 * @param syncNanos predicted time of a sync request of that size, or -1 while still learning
 * @param samples completions the model learned this kind and size class from
 * @param confidence how settled the model is, 0 (nothing learned) to 1
 * @since 1.2
 */
public record ModelEstimate(String kind, long bytes, long syncNanos, long samples, double confidence) {
    /** The level shown for each level class (fast, default, best) and its name. */
    private static final int[] LEVELS = { 1, 6, 9 };
    private static final String[] LEVEL_NAMES = { "fast (levels 1-3)", "default (4-6)", "best (7-9)" };
    /** Request sizes shown: the size classes' upper bounds from 1 KiB to 4 MiB. */
    private static final long[] SIZES = { 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20 };

    /** The size class by its upper bound, e.g. "4 KiB", "1 MiB". */
    public String size() {
        return sizeName(bytes);
    }

    /** "512 B", "4 KiB", "1 MiB": a byte count that is a whole number of KiB or MiB, for people. */
    public static String sizeName(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " B";
    }

    /** Predicted µs of a sync request, or -1 while learning. */
    public double micros() {
        return syncNanos < 0 ? -1 : syncNanos / 1000.0;
    }

    /** The throughput the prediction implies in MB/s (10^6 bytes), or -1 while learning. */
    public double megabytesPerSecond() {
        return syncNanos <= 0 ? -1 : bytes * 1000.0 / syncNanos;
    }

    /** Every kind of request and size an engine has learned something of, in the order shells list them. */
    public static List<ModelEstimate> of(ModelInfo model) {
        List<ModelEstimate> rows = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (Algorithm alg : Algorithm.values()) {
                for (int lc = 0; lc < (op == Operation.DECOMPRESS ? 1 : LEVELS.length); lc++) {
                    String kind = kind(op, alg, lc);
                    for (long size : SIZES) {
                        long samples = model.samples(op, alg, LEVELS[lc], size);
                        if (samples > 0) {
                            rows.add(new ModelEstimate(kind, size, model.predictNanos(op, alg, LEVELS[lc], size, true),
                                    samples, model.confidence(op, alg, LEVELS[lc], size)));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static String kind(Operation op, Algorithm alg, int levelClass) {
        return alg.uadkName() + " " + op.name().toLowerCase(Locale.ROOT)
                + (op == Operation.COMPRESS ? ", " + LEVEL_NAMES[levelClass] : "");
    }
}
