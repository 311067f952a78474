package io.warpdrive.core.engine.session;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.core.engine.Engine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues an administrator gives a consumer ({@code consumer.queues}, the "taskset for
 * queues"): reserved for it, per direction and hardware first, while it uses the platform, beside
 * its own reservations and outside their bound. Kept in step by {@link #apply}: when a consumer
 * arrives, when the configuration changes, and at the engine's tick (instances may free up or
 * devices come later). A count lowered drains the surplus; nothing in flight fails. The
 * configuration is Configuration Admin's, so the counts survive restarts.
 */
public final class ConsumerQueues {
    private final Engine engine;
    private final Set<Consumer> live = ConcurrentHashMap.newKeySet();
    /** Per consumer and direction: the reservations made for the administrator's count. Guarded by each map. */
    private final Map<Consumer, Map<Operation, List<ReservationImpl>>> given = new ConcurrentHashMap<>();

    public ConsumerQueues(Engine engine) {
        this.engine = engine;
    }

    void arrived(Consumer c) {
        live.add(c);
        apply(c);
    }

    void left(Consumer c) {
        live.remove(c);
        given.remove(c); // its reservations are closed with the consumer's
    }

    /** Brings every consumer present to its configured count. */
    public void apply() {
        for (Consumer c : live) {
            apply(c);
        }
    }

    private void apply(Consumer c) {
        int wanted = engine.settings().consumerQueues(c.name());
        Map<Operation, List<ReservationImpl>> byOp = given.computeIfAbsent(c, k -> new EnumMap<>(Operation.class));
        synchronized (byOp) {
            for (Operation op : Operation.values()) {
                List<ReservationImpl> held = byOp.computeIfAbsent(op, k -> new ArrayList<>());
                held.removeIf(ReservationImpl::isClosed);
                int have = 0;
                for (ReservationImpl r : held) {
                    have += r.queues();
                }
                while (have > wanted && !held.isEmpty()) {
                    ReservationImpl last = held.remove(held.size() - 1);
                    have -= last.queues();
                    last.close();
                }
                if (have < wanted && live.contains(c)) {
                    try {
                        held.add(engine.reservations().reserveFor(c, op, wanted - have, FallbackPolicy.AUTO, false));
                    } catch (WdException e) {
                        engine.log().warnOnce("consumer-queues:" + c.name() + ":" + op, c + " is given " + wanted + " "
                                + op.name().toLowerCase() + " queues but holds " + have + ": " + e.getMessage()
                                + " (tried again as instances free up)");
                    }
                }
            }
        }
    }

    /** Queues, both directions, the consumer holds for the administrator's count (granted ones, as its reservedQueues counts). */
    int held(Consumer c) {
        Map<Operation, List<ReservationImpl>> byOp = given.get(c);
        if (byOp == null) {
            return 0;
        }
        synchronized (byOp) {
            int n = 0;
            for (List<ReservationImpl> list : byOp.values()) {
                for (ReservationImpl r : list) {
                    n += r.isClosed() ? 0 : r.granted();
                }
            }
            return n;
        }
    }

    /** Queues per direction the consumer holds for the administrator's count now. */
    public int held(Consumer c, Operation op) {
        Map<Operation, List<ReservationImpl>> byOp = given.get(c);
        if (byOp == null) {
            return 0;
        }
        synchronized (byOp) {
            int n = 0;
            for (ReservationImpl r : byOp.getOrDefault(op, List.of())) {
                n += r.isClosed() ? 0 : r.queues();
            }
            return n;
        }
    }
}
