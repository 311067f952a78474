package io.warpdrive.admin;

import org.osgi.annotation.versioning.ProviderType;

/** A scheduling policy present in the framework, as the platform sees it. */
@ProviderType
public interface SchedulerInfo {

    String name();

    /** Its {@code service.ranking}. */
    int ranking();

    /** True for the policy serving requests now. */
    boolean active();

    /** True if demoted after repeated faults (it stays demoted until replaced). */
    boolean demoted();

    /** Picks that threw, returned an unusable queue or overran the budget. */
    long faults();

    /** Picks it answered. */
    long picks();
}
