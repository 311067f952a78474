package io.warpdrive.sched.coordinator;

import io.warpdrive.sched.PriorityLevel;

/**
 * One resource's part of a {@link TuneRequest} (the coordinator design's CocoNode): a node of
 * its level's list on that resource. Guarded by the {@link Coordination}'s lock.
 */
final class TuneNode {
    final TuneRequest request;
    final long handle;
    final String resource;
    final long value;
    final PriorityLevel level;
    final Owner owner;
    /** Arrival order, for re-ordering after a table change. */
    final long sequence;

    TuneNode previous;
    TuneNode next;

    TuneNode(TuneRequest request, String resource, long value, long sequence) {
        this.request = request;
        this.handle = request.handle;
        this.resource = resource;
        this.value = value;
        this.level = request.level;
        this.owner = request.owner;
        this.sequence = sequence;
    }

    @Override
    public String toString() {
        return "tune " + handle + " (" + resource + "=" + Values.format(value) + " at " + level + " by " + owner + ")";
    }
}
