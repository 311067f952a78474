package io.warpdrive.comp;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Callback for an asynchronous request. Called exactly once per accepted submission,
 * with the request's result in place. It runs on a platform thread (a driver worker or
 * the poller) or, when the platform is configured for caller polling, inside
 * {@link Compressor#poll(int, long)}: keep it short and hand longer work elsewhere.
 */
@ConsumerType
@FunctionalInterface
public interface Completion {
    void completed(Request request);
}
