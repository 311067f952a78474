package io.warpdrive.sched;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The session a request belongs to, as a policy sees it. A policy that binds sessions
 * to queues (UADK's RR) keeps its binding in {@link #policyState()}. The platform scopes
 * that state to the policy that set it: after a swap the new policy sees null, so
 * sessions re-pick on their next request.
 */
@ProviderType
public interface SchedSession {

    /** Unique id of the session within the platform. */
    long id();

    /** State the active policy attached, or null. */
    Object policyState();

    void policyState(Object state);
}
