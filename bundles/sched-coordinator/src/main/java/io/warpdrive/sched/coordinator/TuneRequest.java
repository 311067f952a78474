package io.warpdrive.sched.coordinator;

import io.warpdrive.sched.PriorityLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One tune request: a handle, an owner, a level and one timer over one node per resource it
 * names, so its values take effect together and leave together (expiry, untune, the owner
 * stopping) and a retune restarts them all. Guarded by the {@link Coordination}'s lock.
 */
final class TuneRequest {
    final long handle;
    final PriorityLevel level;
    final Owner owner;
    /** One per resource, in the order asked; a resource dropped from the table drops its node. */
    final List<TuneNode> nodes = new ArrayList<>();
    /** Absolute expiry on the coordinator's clock, or {@link Long#MAX_VALUE}: until untuned. */
    long deadlineNanos;
    /** Counts timer restarts, so a timer that fires after a retune finds itself stale. */
    long timerGeneration;
    TuneClock.Timer timer;

    TuneRequest(long handle, PriorityLevel level, Owner owner) {
        this.handle = handle;
        this.level = level;
        this.owner = owner;
    }

    @Override
    public String toString() {
        return "tune " + handle + " (" + nodes.stream().map(n -> n.resource + "=" + Values.format(n.value))
                .collect(Collectors.joining(", ")) + " at " + level + " by " + owner + ")";
    }
}
