package io.warpdrive.sched;

import io.warpdrive.lib.CompletionMode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A scheduling policy ({@code wd_sched}). Register it as an OSGi service; the one with
 * the highest {@code service.ranking} is used. {@link #pick} runs on the request path of
 * every request: it must be fast (the platform's budget defaults to 1 ms), must not
 * block, and should not allocate.
 */
@ConsumerType
public interface Scheduler {

    /** Name shown by the shell and used by {@code wd:sched use}. */
    String name();

    /**
     * Chooses the queue for a request.
     *
     * @return a queue of {@code view} that {@linkplain QueueInfo#canTake can take} the
     *         request, or null when none should (the platform then waits or falls back
     *         as the request's policy says)
     */
    QueueInfo pick(SchedKey key, QueueView view);

    /**
     * Whether this policy lets the request onto the queue at all: a policy that confines
     * requests to groups of queues (scheduling contexts, as the hypervisor keeps them) says no for queues
     * outside the request's group. The platform's own choices honour it while this policy is
     * active — its built-in pick, the last look for a free slot before a request waits, and
     * slots handed to waiting requests — and it asks again once it has taken a slot on the
     * queue a pick returned, so a policy that withdraws a queue and then sees it idle knows
     * no request it refused is going there. Called on the request and completion paths: it
     * must be as fast as {@link #pick}, must not block and should not allocate. A queue that
     * is refused to everyone is kept idle: requests wait for a queue they are admitted to
     * (bounded by their timeout) rather than fall back elsewhere. The default admits every
     * request everywhere.
     */
    default boolean admits(SchedKey key, QueueInfo queue) {
        return true;
    }

    /**
     * Orders polling of completion rings ({@code poll_policy}): fills {@code order} with
     * the queues to reap, most urgent first, and returns how many. The default polls
     * every POLL-mode queue with jobs in flight, in view order.
     */
    default int pollOrder(QueueView view, QueueInfo[] order) {
        int n = 0;
        for (int i = 0, size = view.size(); i < size && n < order.length; i++) {
            QueueInfo q = view.get(i);
            if (q.completionMode() == CompletionMode.POLL && q.inFlight() > 0) {
                order[n++] = q;
            }
        }
        return n;
    }

    /** Told when a session closes, so a policy can drop what it keeps for it. */
    default void sessionClosed(SchedSession session) {
    }
}
