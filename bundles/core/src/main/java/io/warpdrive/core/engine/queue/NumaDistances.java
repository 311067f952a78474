package io.warpdrive.core.engine.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * NUMA distances as the kernel reports them in
 * {@code /sys/devices/system/node/node<N>/distance}; 10 for the same node and 20 for any
 * other when the machine does not say.
 */
public final class NumaDistances {
    static final int LOCAL = 10;
    static final int REMOTE = 20;

    private final int[][] table;

    NumaDistances(int[][] table) {
        this.table = table;
    }

    static NumaDistances read(Path nodeRoot) {
        try {
            int nodes = 0;
            while (Files.exists(nodeRoot.resolve("node" + nodes + "/distance"))) {
                nodes++;
            }
            int[][] t = new int[nodes][];
            for (int n = 0; n < nodes; n++) {
                String[] parts = Files.readString(nodeRoot.resolve("node" + n + "/distance")).trim().split("\\s+");
                t[n] = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    t[n][i] = Integer.parseInt(parts[i]);
                }
            }
            return new NumaDistances(t);
        } catch (IOException | RuntimeException e) {
            return new NumaDistances(new int[0][]);
        }
    }

    public static NumaDistances ofMachine() {
        return read(Path.of("/sys/devices/system/node"));
    }

    int distance(int from, int to) {
        if (from < 0 || to < 0) {
            return REMOTE;
        }
        if (from < table.length && to < table[from].length) {
            return table[from][to];
        }
        return from == to ? LOCAL : REMOTE;
    }

    /** Number of nodes the machine reports (at least 1). */
    int nodes() {
        return Math.max(1, table.length);
    }
}
