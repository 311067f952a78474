package io.warpdrive.sched.resize;

import io.warpdrive.comp.Operation;
import org.osgi.annotation.versioning.ProviderType;

/** A queue the hypervisor distributes, as a strategy sees it during a round. */
@ProviderType
public interface ManagedQueue {

    long id();

    Operation operation();

    /** Its driver's name ({@code hisi_zip}). */
    String driver();

    /** Its device's name. */
    String device();

    /** Its owner, or null for the remainder (queues no context owns). */
    SchedulingContext owner();

    /** True when it is moving to another owner once it has drained. */
    boolean moving();

    /** Time since it last had work (or since its owner got it). */
    long idleNanos();

    /** Input bytes per second of busy time, averaged; 0 before the first measurement. */
    double speed();

    /**
     * Moves it from its owner to {@code to} once it has drained; the owner's size falls by one
     * and {@code to}'s grows by one (both checked as {@link SchedulingContext#resize} checks).
     */
    void moveTo(SchedulingContext to);
}
