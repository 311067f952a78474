package io.warpdrive.sched.resize;

import io.warpdrive.comp.Operation;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One scheduling context as a strategy sees it during a round. Sizes count queues per direction. */
@ProviderType
public interface SchedulingContext {

    String name();

    /** The strategy it selected ({@code resize.policy}), in upper case. */
    String strategy();

    /** Queues of a direction it should have (its size; queues follow once they drain). */
    int size(Operation direction);

    int min();

    /** The upper bound, {@code Integer.MAX_VALUE} when there is none. */
    int max();

    /** True when its minimum time between resizes has passed, or it was resized in this round. */
    boolean mayResize();

    /** True when it was resized in this round (by this or an earlier strategy). */
    boolean resizedThisRound();

    /** A queue of it idle longer than this may be given away (idleness), unless the queue has its own. */
    long maxIdleNanos();

    /** The maximum idle time of one of its queues: the queue's device's or driver's if configured, else {@link #maxIdleNanos()}. */
    long maxIdleNanos(ManagedQueue queue);

    /**
     * Work it declared it will submit; 0 when none was declared. Work is input bytes, or the
     * work its requests declare ({@code Request.declaredWork}) when they do.
     */
    long declaredWorkBytes();

    /** Declared work not completed yet; 0 when none was declared or all is done. */
    long remainingWorkBytes();

    /** Input bytes it submitted since it was registered, in a direction. */
    long submittedBytes(Operation direction);

    /**
     * Work it submitted since it was registered, in a direction: its requests' declared work, or
     * their input bytes where they declared none.
     *
     * @since 1.1
     */
    long submittedWork(Operation direction);

    /**
     * Input bytes its requests carried per unit of work, as completed so far: what turns its
     * remaining work into bytes for the queues' speeds (input bytes per second). 1 while nothing
     * completed, and when its requests declare no work.
     *
     * @since 1.1
     */
    double bytesPerWork();

    /** Requests of it waiting for a queue in a direction (submitted, neither completed nor in flight). */
    long waiting(Operation direction);

    /** Queues of a direction it owns and uses (not moving away). */
    List<ManagedQueue> owned(Operation direction);

    /**
     * Sets its size in a direction, for this round; say why with {@link #resized}.
     *
     * @throws IllegalArgumentException outside its bounds
     * @throws IllegalStateException within its minimum time between resizes
     */
    void resize(Operation direction, int size);

    /** Records a resize made in this round: shown as its last resize, and it starts its minimum time between resizes. */
    void resized(String why);
}
