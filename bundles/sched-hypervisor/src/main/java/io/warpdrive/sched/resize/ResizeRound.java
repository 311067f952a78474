package io.warpdrive.sched.resize;

import io.warpdrive.comp.Operation;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What a strategy sees and changes in one round of the hypervisor; valid during {@link ResizeStrategy#decide} only. */
@ProviderType
public interface ResizeRound {

    /** The hypervisor's clock, in nanoseconds. */
    long now();

    /** Every context, in the hypervisor's order (by name). */
    List<SchedulingContext> contexts();

    /** The contexts that selected the strategy being asked. */
    List<SchedulingContext> selected();

    /** Every queue the hypervisor distributes (a consumer's own queues are not). */
    List<ManagedQueue> queues();

    /** Queues of a direction the hypervisor distributes. */
    int managed(Operation direction);

    /** Queues of a direction no context's size claims. */
    int unclaimed(Operation direction);

    /** Logs a decision (the hypervisor's log). */
    void log(String message);
}
