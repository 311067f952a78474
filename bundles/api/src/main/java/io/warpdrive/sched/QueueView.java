package io.warpdrive.sched;

import org.osgi.annotation.versioning.ProviderType;

/** Read-only view of all open queues ({@code sched_info}). The set is fixed per view; the state is live. */
@ProviderType
public interface QueueView {

    int size();

    QueueInfo get(int index);

    /** NUMA distance between two nodes as the kernel reports it (10 = same node). */
    int distance(int fromNode, int toNode);
}
