package io.warpdrive.sched.resize;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way of resizing scheduling contexts, registered as an OSGi service with the
 * {@value #NAME} property. Contexts select it by that name (their {@code resize.policy},
 * matched ignoring case). Every resize it makes honours the contexts' bounds and minimum time
 * between resizes; the application's own resizes (tagged completions, the shell) apply
 * whatever strategy a context selected.
 */
@ConsumerType
public interface ResizeStrategy {
    /** Service property: the name contexts select the strategy by. */
    String NAME = "resize.strategy";

    /**
     * Decides one round, on the hypervisor's thread: reads {@link ResizeRound#selected()} (and
     * any other context) and resizes through {@link SchedulingContext#resize} and
     * {@link ManagedQueue#moveTo}. It must return quickly (within the hypervisor's
     * {@code strategy.budget.ms}); what it does is undone if it throws or overruns.
     */
    void decide(ResizeRound round);
}
