package io.warpdrive.core.engine;

/**
 * The engine's own pick, used when no policy is present or the policy failed: among the
 * queues that can take the request, one the consumer reserved for itself, else the
 * highest driver priority, then the fewest jobs in flight. Always available, never
 * blocks, never allocates.
 */
final class BuiltinPick {

    EngineQueue pick(RequestKey key, QueueViewImpl view) {
        EngineQueue best = null;
        for (int i = 0, n = view.size(); i < n; i++) {
            EngineQueue q = view.get(i);
            if (!q.accepts(key)) {
                continue;
            }
            if (q.isReserved()) {
                return q;
            }
            if (best == null || q.driverPriority() > best.driverPriority()
                    || (q.driverPriority() == best.driverPriority() && q.inFlight() < best.inFlight())) {
                best = q;
            }
        }
        return best;
    }
}
