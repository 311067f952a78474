package io.warpdrive.sched;

/**
 * The default policy's order of queues that can take a request, for policies that keep it
 * and only add their own filters: the consumer's own reserved queue first, then the higher
 * driver priority, then the nearer NUMA node, then the lighter load per slot.
 */
public final class QueueOrder {
    private QueueOrder() {
    }

    /**
     * Whether {@code q} comes before {@code best} in the default order.
     *
     * @param distance NUMA distance from the caller's node to {@code q} (0 when not known)
     * @param bestDistance the same for {@code best}
     */
    public static boolean before(QueueInfo q, int distance, QueueInfo best, int bestDistance) {
        boolean reserved = q.reservedBy() >= 0;
        if (reserved != best.reservedBy() >= 0) {
            return reserved;
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
