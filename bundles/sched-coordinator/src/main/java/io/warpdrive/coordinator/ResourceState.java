package io.warpdrive.coordinator;

import io.warpdrive.sched.PriorityLevel;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One resource of the coordinator's table as it stood when it was read. */
@ProviderType
public interface ResourceState {
    /** The value of a limit that does not limit (e.g. the default of a per-consumer limit). */
    long UNLIMITED = Long.MAX_VALUE;

    String name();

    ResourceKind kind();

    /** The device group of a {@link ResourceKind#HARDWARE} resource ({@code DRIVER}, {@code DRIVER/DEVICE}, or {@code *} for all hardware); null otherwise. */
    String target();

    TunePolicy policy();

    /** The value when no tune is pending. */
    long defaultValue();

    /** The value in force. */
    long value();

    /**
     * The level whose tune is in force; null when the default is. A value from level L acts on
     * the consumers of the levels below L; a default acts on those below {@code SYSTEM_HIGH}.
     */
    PriorityLevel level();

    /** Every tune on the resource: highest level first, each level in its policy's order; the first is in force. */
    List<Tune> tunes();
}
