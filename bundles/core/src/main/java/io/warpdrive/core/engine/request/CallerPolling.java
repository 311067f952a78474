package io.warpdrive.core.engine.request;

import io.warpdrive.comp.PollTarget;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.lib.CompletionMode;

/**
 * Caller-driven completion: a consumer's thread delivers its completed async requests and,
 * when the engine leaves reaping to callers, reaps the POLL-mode queues itself.
 */
public final class CallerPolling {
    private final Engine engine;

    public CallerPolling(Engine engine) {
        this.engine = engine;
    }

    /**
     * Delivers up to {@code budget} completed requests from {@code inbox}, waiting at most
     * {@code waitNanos}; when callers reap, it reaps the rings of the queues {@code target} names.
     */
    public int poll(CompletionInbox inbox, int budget, long waitNanos, PollTarget target) {
        if (budget <= 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "poll budget must be positive: " + budget);
        }
        Settings s = engine.settings();
        boolean callerReaps = s.completion() == Settings.CompletionDelivery.CALLER;
        long deadline = System.nanoTime() + Math.max(0, waitNanos);
        int delivered = 0;
        for (;;) {
            boolean polledInFlight = false;
            if (callerReaps) {
                for (EngineQueue q : engine.views().pollSet()) {
                    if (q.completionMode() == CompletionMode.POLL && q.inFlight() > 0
                            && target.includes(q.driver(), q.device(), q.id())) {
                        polledInFlight = true;
                        q.reap(budget);
                    }
                }
            }
            EngineRequest r;
            while (delivered < budget && (r = inbox.take()) != null) {
                engine.dispatcher().deliver(r);
                delivered++;
            }
            long left = deadline - System.nanoTime();
            if (delivered > 0 || !callerReaps || left <= 0) {
                return delivered;
            }
            inbox.awaitAdd(polledInFlight ? Math.min(left, s.pollerParkNanos()) : left);
        }
    }
}
