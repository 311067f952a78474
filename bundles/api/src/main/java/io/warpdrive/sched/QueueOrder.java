package io.warpdrive.sched;

/**
 * The default policy's order of queues that can take a request, for policies that keep it
 * and only add their own filters: the consumer's own reserved queue first, then the sooner
 * predicted finish ({@link QueueInfo#predictedFinishNanos}, since 1.2), then the higher driver
 * priority, then the nearer NUMA node, then the lighter load per slot. Driver priority thus
 * breaks ties between equal predictions, and decides alone where the platform predicts nothing.
 */
public final class QueueOrder {
    private QueueOrder() {
    }

    /**
     * Whether {@code q} comes before {@code best} in the order without predictions: reserved
     * queue, driver priority, NUMA distance, load.
     *
     * @param distance NUMA distance from the caller's node to {@code q} (0 when not known)
     * @param bestDistance the same for {@code best}
     */
    public static boolean before(QueueInfo q, int distance, QueueInfo best, int bestDistance) {
        return sooner(q, 0, distance, best, 0, bestDistance);
    }

    /**
     * Whether {@code q} comes before {@code best}: the reserved queue first, then the sooner
     * predicted finish, then {@link #before}'s order.
     *
     * @param finish {@code q.predictedFinishNanos(key)}, read once by the caller
     * @param bestFinish the same for {@code best}
     * @since 1.2
     */
    public static boolean sooner(QueueInfo q, long finish, int distance, QueueInfo best, long bestFinish,
            int bestDistance) {
        boolean reserved = q.reservedBy() >= 0;
        if (reserved != best.reservedBy() >= 0) {
            return reserved;
        }
        if (finish != bestFinish) {
            return finish < bestFinish;
        }
        if (q.driverPriority() != best.driverPriority()) {
            return q.driverPriority() > best.driverPriority();
        }
        if (distance != bestDistance) {
            return distance < bestDistance;
        }
        // Load as a fraction of depth, compared without division: q.inFlight/q.depth < best.inFlight/best.depth.
        return (long) q.inFlight() * best.depth() < (long) best.inFlight() * q.depth();
    }
}
