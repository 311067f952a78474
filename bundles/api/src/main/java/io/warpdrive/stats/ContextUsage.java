package io.warpdrive.stats;

import io.warpdrive.comp.Operation;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The work one consumer bundle handed to the platform under one context tag
 * ({@code SessionSpec.withContextTag}; null for sessions without one), per direction: what a
 * policy that groups requests into scheduling contexts (the hypervisor) measures them by. A
 * request is submitted once when the platform accepts it and completed once when it is done,
 * with a result or an error, so submitted minus completed is the work pending (in flight or
 * waiting for a queue). Bytes are input bytes, counted in full at both ends. A reset
 * ({@link UsageStats#reset()}) zeroes these as every counter: requests pending then are
 * counted completed without having been counted submitted. Work is each request's declared
 * work ({@code Request.declaredWork}), or its input bytes when it declared none.
 */
@ProviderType
public interface ContextUsage {

    /** Symbolic name of the consumer bundle. */
    String consumer();

    /** The sessions' context tag, or null. */
    String contextTag();

    long submittedRequests(Operation operation);

    long submittedBytes(Operation operation);

    /** Requests done (succeeded or failed). */
    long completedRequests(Operation operation);

    long completedBytes(Operation operation);

    /**
     * Work submitted: declared work, or input bytes for requests that declared none.
     *
     * @since 1.3
     */
    long submittedWork(Operation operation);

    /**
     * Work completed: declared work, or input bytes for requests that declared none.
     *
     * @since 1.3
     */
    long completedWork(Operation operation);
}
