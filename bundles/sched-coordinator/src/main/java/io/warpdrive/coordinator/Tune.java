package io.warpdrive.coordinator;

import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** One tune as it stood when it was read: what was asked, by whom, and whether it is in force. */
@ProviderType
public interface Tune {

    /** The handle {@link Coordinator#tune} returned. */
    long handle();

    String resource();

    long value();

    PriorityLevel level();

    /** Symbolic name of the bundle holding the tune. */
    String consumer();

    /** Bundle id of the bundle holding the tune. */
    long consumerId();

    /** True when its value is the resource's value in force (it heads the highest non-empty level). */
    boolean inForce();

    /** Time left until it expires; null when it lasts until untuned. */
    Duration remaining();
}
