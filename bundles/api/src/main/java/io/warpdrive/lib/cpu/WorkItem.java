package io.warpdrive.lib.cpu;

import io.warpdrive.lib.Job;

/** A job handed to the workers, with its queue; one per queue slot (tag), reused. */
final class WorkItem {
    final CpuQueue queue;
    Job job;

    WorkItem(CpuQueue queue) {
        this.queue = queue;
    }
}
