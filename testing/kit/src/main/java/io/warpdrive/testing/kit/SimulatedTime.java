package io.warpdrive.testing.kit;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Simulated time for timed fake engines ({@link FakeDriver#timed}): the engine stamps jobs with
 * this clock ({@link #nanoTime()}), and a timed engine's completions are events the test runs in
 * time order on its own thread. Nothing sleeps and no CPU time is measured, so scheduling
 * decisions are tested by what they decide, the same on any machine.
 */
public class SimulatedTime {
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<Object, Long> serverFree = new HashMap<>();
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

    /** The simulated time now, in nanoseconds. */
    public long nanoTime() {
        return now;
    }

    /** Time passes (a sync caller waiting for a job that runs on its own thread). */
    public void advance(long nanos) {
        now += nanos;
    }

    /** Runs {@code action} when the simulated time reaches {@code time} (see {@link #step()}). */
    public synchronized void at(long time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    /** Runs the earliest event, moving the clock to it; false when none is pending. */
    public boolean step() {
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

    /** When a server (a device, or the host's one core engines share) is free again. */
    public synchronized long freeAt(Object server) {
        return serverFree.getOrDefault(server, 0L);
    }

    /** The server is busy until {@code time}. */
    public synchronized void busyUntil(Object server, long time) {
        serverFree.put(server, time);
    }

    /** Events not run yet. */
    public synchronized int pending() {
        return events.size();
    }
}
