package io.warpdrive.driver.isal;

import io.warpdrive.lib.Job;

/** A job handed to the workers, with its queue; one per queue slot (tag), reused. */
final class WorkItem {
    final IsalQueue queue;
    Job job;

    WorkItem(IsalQueue queue) {
        this.queue = queue;
    }
}
