package io.warpdrive.driver.soft;

import io.warpdrive.lib.Job;

/** A job handed to the workers, with its queue; one per queue slot (tag), reused. */
final class WorkItem {
    final SoftQueue queue;
    Job job;

    WorkItem(SoftQueue queue) {
        this.queue = queue;
    }
}
