package io.warpdrive.core.engine.session;

import io.warpdrive.core.engine.request.CompletionInbox;
import io.warpdrive.core.engine.usage.ConsumerCounters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A bundle using the platform: the unit of identity, priority class and (later) accounting. */
public final class Consumer {
    public final String name;
    final String version;
    public final long bundleId;
    final boolean system;
    public final ConsumerCounters counters;
    final Set<AbstractSession> sessions = ConcurrentHashMap.newKeySet();
    public final CompletionInbox inbox = new CompletionInbox();
    public final Set<ReservationImpl> reservations = ConcurrentHashMap.newKeySet();
    /** Requests of this consumer in flight on hardware queues now (SchedKey.hardwareInFlight). */
    private final AtomicInteger hardwareInFlight = new AtomicInteger();

    /** A request of this consumer went to a hardware queue (before send: the driver may complete it inside). */
    public void hardwareSent() {
        hardwareInFlight.incrementAndGet();
    }

    /** A request of this consumer left its hardware queue (completed, or refused by the driver). */
    public void hardwareDone() {
        hardwareInFlight.decrementAndGet();
    }

    public int hardwareInFlight() {
        return hardwareInFlight.get();
    }

    /** Queues this consumer holds reserved now. */
    public int reservedQueues() {
        int n = 0;
        for (ReservationImpl r : reservations) {
            n += r.granted();
        }
        return n;
    }

    public Consumer(String name, String version, long bundleId, boolean system, ConsumerCounters counters) {
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
