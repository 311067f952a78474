package io.warpdrive.webconsole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the drivers' counters into the points of a {@link LoadHistory}. It is probed several
 * times per point (jobs in flight is an instant reading, so a point holds the mean of its
 * probes); throughput is the input bytes completed between two points divided by the time
 * between them. Called from one thread only (the sampler's).
 */
final class LoadSampler {

    /** What one probe reads of a driver: its completed input bytes and its jobs in flight now. */
    record Reading(String driver, long bytesIn, int inFlight) {
    }

    private final LoadHistory history;
    private final int probesPerPoint;

    private final Map<String, Long> bytesAtLastPoint = new HashMap<>();
    private long lastPointNanos;
    private boolean hadPoint;

    private final Map<String, double[]> inFlightSums = new LinkedHashMap<>(); // driver -> {sum, probes}
    private final Map<String, Long> latestBytes = new HashMap<>();
    private int probes;

    LoadSampler(LoadHistory history, int probesPerPoint) {
        if (probesPerPoint < 1) {
            throw new IllegalArgumentException("probes per point must be positive");
        }
        this.history = history;
        this.probesPerPoint = probesPerPoint;
    }

    /**
     * One probe at {@code nanoTime} (monotonic, for rates) and {@code wallMillis} (the point's
     * time stamp); every {@code probesPerPoint}-th probe closes a point.
     *
     * @return true if this probe added a point to the history
     */
    boolean probe(long nanoTime, long wallMillis, List<Reading> readings) {
        for (Reading r : readings) {
            double[] acc = inFlightSums.computeIfAbsent(r.driver(), d -> new double[2]);
            acc[0] += r.inFlight();
            acc[1]++;
            latestBytes.put(r.driver(), r.bytesIn());
        }
        if (++probes < probesPerPoint) {
            return false;
        }
        double seconds = hadPoint ? (nanoTime - lastPointNanos) / 1e9 : 0;
        List<LoadHistory.Point> points = new ArrayList<>(inFlightSums.size());
        for (Map.Entry<String, double[]> e : inFlightSums.entrySet()) {
            String driver = e.getKey();
            long bytes = latestBytes.get(driver);
            Long before = bytesAtLastPoint.get(driver);
            double throughput;
            if (before == null || seconds <= 0) {
                throughput = Double.NaN; // no earlier reading: no rate yet
            } else {
                // Counters only go down when they are reset: then all bytes counted are new ones.
                long delta = bytes >= before ? bytes - before : bytes;
                throughput = delta / seconds;
            }
            double[] acc = e.getValue();
            points.add(new LoadHistory.Point(driver, throughput, acc[0] / acc[1]));
        }
        history.add(wallMillis, points);
        bytesAtLastPoint.clear();
        bytesAtLastPoint.putAll(latestBytes);
        latestBytes.clear();
        inFlightSums.clear();
        probes = 0;
        lastPointNanos = nanoTime;
        hadPoint = true;
        return true;
    }
}
