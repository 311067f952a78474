package io.warpdrive.core.model;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The performance models of every device the engine has opened queues on, kept while the
 * platform runs (a queue closed and opened again finds its device's model), and the crossover
 * sizes they imply: for each kind of request, the size classes at which another device becomes
 * the fastest for a sync caller.
 */
public final class ModelBook {
    private final Map<String, DeviceModel> models = new ConcurrentHashMap<>();
    /** Crossovers last reported, per kind of request; touched by the one thread that checks them. */
    private final Map<String, String> reported = new HashMap<>();

    /** The model of a device, made on first use (when a queue opens on it: off the request path). */
    public DeviceModel model(String driver, String device, boolean hardware, int parallelism) {
        return models.computeIfAbsent(driver + "/" + device, k -> new DeviceModel(driver, device, hardware, parallelism));
    }

    public List<DeviceModel> models() {
        List<DeviceModel> list = new ArrayList<>(models.values());
        list.sort((a, b) -> a.toString().compareTo(b.toString()));
        return list;
    }

    /** Drops the models of a driver's devices (the driver went away for good, or changed version). */
    public void forget(String driver) {
        models.values().removeIf(m -> m.driver().equals(driver));
    }

    /**
     * The crossovers of every kind of request at least two devices know, one line each, e.g.
     * {@code "gzip compress fast sync: isal up to 16 KiB, hisi_zip above"}.
     */
    public List<String> crossovers() {
        List<String> lines = new ArrayList<>();
        List<DeviceModel> all = models();
        for (Operation op : Operation.values()) {
            for (Algorithm alg : Algorithm.values()) {
                for (int level = 0; level < RequestClass.LEVELS; level++) {
                    String line = crossover(all, op, alg, level);
                    if (line != null) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private static String crossover(List<DeviceModel> all, Operation op, Algorithm alg, int level) {
        StringBuilder b = new StringBuilder();
        DeviceModel previous = null;
        int known = 0;
        for (int size = 0; size < RequestClass.SIZES; size++) {
            int cell = RequestClass.cell(op, alg, level, size);
            long bytes = RequestClass.sizeClassTypical(size);
            DeviceModel best = null;
            long bestNanos = Long.MAX_VALUE;
            int here = 0;
            for (DeviceModel m : all) {
                long ns = m.refused() == null ? m.syncNanos(cell, bytes) : -1;
                if (ns >= 0) {
                    here++;
                    if (ns < bestNanos) {
                        best = m;
                        bestNanos = ns;
                    }
                }
            }
            if (best == null) {
                continue;
            }
            known = Math.max(known, here);
            if (previous != null && best != previous) {
                b.append(" up to ").append(RequestClass.sizeClassName(size - 1)).append(", ");
            }
            if (best != previous) {
                b.append(best);
                previous = best;
            }
        }
        if (known < 2) {
            return null;
        }
        return alg.uadkName() + " " + op.name().toLowerCase() + " " + RequestClass.levelClassName(level) + " sync: "
                + b + (b.indexOf(" up to ") >= 0 ? " above" : " at every size");
    }

    /**
     * Reports each crossover that moved since the last call (the first time, each one found).
     * Called from one thread (the engine's periodic task).
     */
    public void reportMoves(Consumer<String> info) {
        for (String line : crossovers()) {
            String kind = line.substring(0, line.indexOf(':'));
            String before = reported.put(kind, line);
            if (!line.equals(before)) {
                info.accept("crossover " + (before == null ? "found" : "moved") + ": " + line);
            }
        }
    }
}
