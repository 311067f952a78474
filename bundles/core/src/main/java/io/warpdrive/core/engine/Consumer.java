package io.warpdrive.core.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A bundle using the platform: the unit of identity, priority class and (later) accounting. */
final class Consumer {
    final String name;
    final String version;
    final long bundleId;
    final boolean system;
    final ConsumerCounters counters;
    final Set<AbstractSession> sessions = ConcurrentHashMap.newKeySet();
    final CompletionInbox inbox = new CompletionInbox();
    final Set<ReservationImpl> reservations = ConcurrentHashMap.newKeySet();
    /** Requests of this consumer in flight on hardware queues now (SchedKey.hardwareInFlight). */
    final AtomicInteger hardwareInFlight = new AtomicInteger();

    /** Queues this consumer holds reserved now. */
    int reservedQueues() {
        int n = 0;
        for (ReservationImpl r : reservations) {
            n += r.granted();
        }
        return n;
    }

    Consumer(String name, String version, long bundleId, boolean system, ConsumerCounters counters) {
        this.name = name;
        this.version = version;
        this.bundleId = bundleId;
        this.system = system;
        this.counters = counters;
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
