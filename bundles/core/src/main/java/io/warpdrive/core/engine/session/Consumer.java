package io.warpdrive.core.engine.session;

import io.warpdrive.core.engine.request.CompletionInbox;
import io.warpdrive.core.engine.usage.ConsumerCounters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A bundle using the platform: the unit of identity, priority class and (later) accounting. */
public final class Consumer {
    private final String name;
    private final String version;
    private final long bundleId;
    private final boolean system;
    private final ConsumerCounters counters;
    private final Set<AbstractSession> sessions = ConcurrentHashMap.newKeySet();
    private final CompletionInbox inbox = new CompletionInbox();
    private final Set<ReservationImpl> reservations = ConcurrentHashMap.newKeySet();
    /** Requests of this consumer in flight on hardware queues now (SchedKey.hardwareInFlight). */
    private final AtomicInteger hardwareInFlight = new AtomicInteger();

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public long bundleId() {
        return bundleId;
    }

    public boolean isSystem() {
        return system;
    }

    public ConsumerCounters counters() {
        return counters;
    }

    Set<AbstractSession> sessions() {
        return sessions;
    }

    CompletionInbox inbox() {
        return inbox;
    }

    Set<ReservationImpl> reservations() {
        return reservations;
    }

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
