package io.warpdrive.sched;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a policy knows of a request ({@code sched_key}). Valid only during the
 * {@link Scheduler#pick} call: the platform reuses the object.
 */
@ProviderType
public interface SchedKey {

    /** Symbolic name of the consumer bundle. */
    String consumer();

    /** Bundle id of the consumer. */
    long consumerId();

    Operation operation();

    Algorithm algorithm();

    WindowSize window();

    /** True for a synchronous request, false for an asynchronous one. */
    boolean sync();

    /** True for a request of a stream session. */
    boolean stream();

    /** Driver the request must go to (a stream bound to its driver's state), or null for any. */
    String requiredDriver();

    /** Input bytes. */
    long size();

    /** NUMA node the request should be served close to; -1 when unknown. */
    int numaNode();

    PriorityLevel priority();

    /**
     * Requests of this request's consumer in flight on hardware queues now (sent, not yet
     * completed): how many hardware instances the consumer holds, for policies that cap it.
     *
     * @since 1.1
     */
    int hardwareInFlight();

    FallbackPolicy fallback();

    SchedSession session();

    /** The session's context tag, or null. */
    String contextTag();
}
