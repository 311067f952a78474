package io.warpdrive.stats;

import io.warpdrive.comp.Operation;
import io.warpdrive.lib.QueueMode;
import org.osgi.annotation.versioning.ProviderType;

/** One open queue. */
@ProviderType
public interface QueueUsage extends LoadUsage {

    /** The queue's id (as in {@code QueueInfo.id()}). */
    long id();

    String driver();

    String device();

    Operation operation();

    QueueMode mode();

    int depth();

    /** Bundle id of the consumer that reserved it, or -1. */
    long reservedBy();
}
