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
    private volatile HostCores host = new HostCores(Runtime.getRuntime().availableProcessors());
    /** Models read from the data folder, by identity, until their engine shows up. */
    private final Map<String, Map<Integer, String>> saved = new ConcurrentHashMap<>();
    /** Crossovers last reported, per kind of request; touched by the one thread that checks them. */
    private final Map<String, String> reported = new HashMap<>();

    /**
     * The model of an engine, made on first use (when a queue opens on it: off the request path),
     * from what the data folder kept for the same identity ({@link ModelStore#identity}) if anything.
     */
    public DeviceModel model(String identity, String driver, String device, boolean hardware, int parallelism) {
        return model(identity, driver, device, hardware, parallelism, false);
    }

    /** @param onHostCores the engine runs on the host's cores (a CPU driver, an emulated device) */
    public DeviceModel model(String identity, String driver, String device, boolean hardware, int parallelism,
            boolean onHostCores) {
        return models.computeIfAbsent(identity, k -> {
            DeviceModel m = new DeviceModel(driver, device, hardware, parallelism, onHostCores ? host : null);
            Map<Integer, String> cells = saved.remove(k);
            if (cells != null) {
                for (Map.Entry<Integer, String> e : cells.entrySet()) {
                    if (e.getKey() == ModelStore.SELF_TEST_PASSED) {
                        restorePass(m, e.getValue());
                    } else {
                        m.service().restore(e.getKey(), e.getValue(), 0);
                    }
                }
            }
            return m;
        });
    }

    private static void restorePass(DeviceModel m, String epochMillis) {
        try {
            m.calibrationPassed(Long.parseLong(epochMillis.trim()));
        } catch (NumberFormatException e) {
            // not ours to trust: the engine is calibrated again
        }
    }

    /** For simulations: the host's cores as models made from now on count them (default: the JVM's processors). */
    public void hostCores(int cores) {
        host = new HostCores(cores);
    }

    /** The host's cores as models made now count them. */
    public HostCores host() {
        return host;
    }

    /** The model of an engine already known by identity, or null. */
    public DeviceModel find(String identity) {
        return models.get(identity);
    }

    /** Models read from the data folder; an identity not seen again by the next save is dropped. */
    public void preload(Map<String, Map<Integer, String>> fromDisk) {
        saved.putAll(fromDisk);
    }

    /** Every model by identity, for the data folder. */
    public Map<String, DeviceModel> byIdentity() {
        return new java.util.TreeMap<>(models);
    }

    public List<DeviceModel> models() {
        List<DeviceModel> list = new ArrayList<>(models.values());
        list.sort((a, b) -> a.toString().compareTo(b.toString()));
        return list;
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
