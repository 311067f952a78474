package io.warpdrive.webconsole;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent load of every driver: a ring of points (one per sample interval, typically a
 * second, for the last few minutes), each with the driver's throughput and its jobs in
 * flight. A driver that appears later has no values (null in JSON) before it; a driver
 * with no value left in the window is dropped. Thread-safe: the sampler adds, page
 * requests read.
 */
final class LoadHistory {

    /** One driver's values at one point. */
    record Point(String driver, double throughput, double inFlight) {
    }

    /** A driver's values, indexed like {@link #times}. */
    private static final class Series {
        double[] throughput;
        double[] inFlight;

        Series(int capacity) {
            throughput = nanArray(capacity);
            inFlight = nanArray(capacity);
        }
    }

    private final long intervalMillis;
    private long[] times;
    private int start;
    private int size;
    private final Map<String, Series> series = new LinkedHashMap<>();

    LoadHistory(int capacity, long intervalMillis) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs room for at least two points, not " + capacity);
        }
        this.times = new long[capacity];
        this.intervalMillis = intervalMillis;
    }

    synchronized int capacity() {
        return times.length;
    }

    synchronized int size() {
        return size;
    }

    /** The drivers that have a value in the window, in order of appearance. */
    synchronized List<String> drivers() {
        return List.copyOf(series.keySet());
    }

    /**
     * Appends a point: the time (epoch ms) and the values of the drivers measured then; the
     * oldest point goes when the ring is full.
     */
    synchronized void add(long timeMillis, List<Point> points) {
        int slot;
        if (size < times.length) {
            slot = (start + size) % times.length;
            size++;
        } else {
            slot = start;
            start = (start + 1) % times.length;
        }
        times[slot] = timeMillis;
        for (Series s : series.values()) {
            s.throughput[slot] = Double.NaN;
            s.inFlight[slot] = Double.NaN;
        }
        for (Point p : points) {
            Series s = series.computeIfAbsent(p.driver(), d -> new Series(times.length));
            s.throughput[slot] = p.throughput();
            s.inFlight[slot] = p.inFlight();
        }
        for (Iterator<Series> it = series.values().iterator(); it.hasNext();) {
            if (isEmpty(it.next())) {
                it.remove();
            }
        }
    }

    /** Keeps the newest {@code capacity} points (all of them when there is room). */
    synchronized void resize(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs room for at least two points, not " + capacity);
        }
        if (capacity == times.length) {
            return;
        }
        int keep = Math.min(size, capacity);
        int skip = size - keep;
        long[] t = new long[capacity];
        for (int k = 0; k < keep; k++) {
            t[k] = times[index(skip + k)];
        }
        for (Series s : series.values()) {
            double[] tp = nanArray(capacity);
            double[] inf = nanArray(capacity);
            for (int k = 0; k < keep; k++) {
                tp[k] = s.throughput[index(skip + k)];
                inf[k] = s.inFlight[index(skip + k)];
            }
            s.throughput = tp;
            s.inFlight = inf;
        }
        times = t;
        start = 0;
        size = keep;
        series.values().removeIf(this::isEmpty);
    }

    /**
     * The window as JSON, oldest point first:
     * {@code {"interval":1000,"capacity":300,"t":[...],"drivers":[{"name":"soft","throughput":[...],"inFlight":[...]}]}}
     * with times in epoch ms, throughput in input bytes per second, and null where a driver
     * had no value.
     */
    synchronized void writeJson(JsonWriter w) {
        w.beginObject().member("interval", intervalMillis).member("capacity", times.length).name("t").beginArray();
        for (int k = 0; k < size; k++) {
            w.value(times[index(k)]);
        }
        w.endArray().name("drivers").beginArray();
        for (Map.Entry<String, Series> e : series.entrySet()) {
            w.beginObject().member("name", e.getKey());
            values(w.name("throughput"), e.getValue().throughput);
            values(w.name("inFlight"), e.getValue().inFlight);
            w.endObject();
        }
        w.endArray().endObject();
    }

    private void values(JsonWriter w, double[] v) {
        w.beginArray();
        for (int k = 0; k < size; k++) {
            w.value(v[index(k)]); // NaN -> null
        }
        w.endArray();
    }

    private int index(int k) {
        return (start + k) % times.length;
    }

    private boolean isEmpty(Series s) {
        for (int k = 0; k < size; k++) {
            int i = index(k);
            if (!Double.isNaN(s.throughput[i]) || !Double.isNaN(s.inFlight[i])) {
                return false;
            }
        }
        return true;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
