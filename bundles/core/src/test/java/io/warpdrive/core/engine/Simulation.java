package io.warpdrive.core.engine;

import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.core.model.NanoClock;
import java.nio.ByteBuffer;
import java.util.PriorityQueue;

/**
 * Simulated time for timed fake engines ({@link FakeDriver#timed}): the engine stamps jobs with
 * this clock, and a timed engine's completions are events the test runs in time order on its own
 * thread. Nothing sleeps and no CPU time is measured, so scheduling decisions are tested by what
 * they decide, the same on any machine.
 */
final class Simulation implements NanoClock {
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private volatile long now = 1_000_000_000L;
    private long sequence;

    private static final class Event implements Comparable<Event> {
        final long at;
        final long order;
        final Runnable action;

        Event(long at, long order, Runnable action) {
            this.at = at;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    /** Runs {@code n} sync compressions of {@code size} bytes through {@code s}, one after the other. */
    static void syncCompressions(Session s, int size, int n) {
        ByteBuffer src = ByteBuffer.allocate(size);
        ByteBuffer dst = ByteBuffer.allocate(size);
        Request r = s.newRequest().operation(Operation.COMPRESS);
        for (int i = 0; i < n; i++) {
            src.clear();
            dst.clear();
            s.execute(r.source(src).destination(dst));
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Time passes (a sync caller waiting for a job that runs on its own thread). */
    void advance(long nanos) {
        now += nanos;
    }

    synchronized void at(long time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    /** Runs the earliest event, moving the clock to it; false when none is pending. */
    boolean step() {
        Event e;
        synchronized (this) {
            e = events.poll();
        }
        if (e == null) {
            return false;
        }
        if (e.at > now) {
            now = e.at;
        }
        e.action.run();
        return true;
    }

    private final java.util.Map<Object, Long> serverFree = new java.util.HashMap<>();

    /** When a server (a device, or the host's one core engines share) is free again. */
    synchronized long freeAt(Object server) {
        return serverFree.getOrDefault(server, 0L);
    }

    synchronized void busyUntil(Object server, long time) {
        serverFree.put(server, time);
    }

    synchronized int pending() {
        return events.size();
    }
}
