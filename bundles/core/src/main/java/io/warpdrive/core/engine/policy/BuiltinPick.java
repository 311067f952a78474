package io.warpdrive.core.engine.policy;

import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.queue.QueueViewImpl;
import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.core.pick.FinishTimePick;

/**
 * The engine's own pick, used when no policy is present or the policy failed: among the
 * queues that can take the request, the one predicted to finish it first
 * ({@link FinishTimePick}). Always available, never blocks, never allocates.
 */
final class BuiltinPick {

    EngineQueue pick(RequestKey key, QueueViewImpl view) {
        return (EngineQueue) FinishTimePick.pick(key, view);
    }
}
