package io.warpdrive.sched.coordinator;

import io.warpdrive.sched.PriorityLevel;

/**
 * One tune on one resource (the coordinator design's CocoNode): a node of its level's list, with its
 * timer. Guarded by the {@link Coordination}'s lock.
 */
final class TuneNode {
    final long handle;
    final String resource;
    final long value;
    final PriorityLevel level;
    final Owner owner;
    /** Arrival order, for re-ordering after a table change. */
    final long sequence;

    TuneNode previous;
    TuneNode next;
    /** Absolute expiry on the coordinator's clock, or {@link Long#MAX_VALUE}: until untuned. */
    long deadlineNanos;
    /** Counts timer restarts, so a timer that fires after a retune finds itself stale. */
    long timerGeneration;
    TuneClock.Timer timer;

    TuneNode(long handle, String resource, long value, PriorityLevel level, Owner owner, long sequence) {
        this.handle = handle;
        this.resource = resource;
        this.value = value;
        this.level = level;
        this.owner = owner;
        this.sequence = sequence;
    }

    @Override
    public String toString() {
        return "tune " + handle + " (" + resource + "=" + Values.format(value) + " at " + level + " by " + owner + ")";
    }
}
