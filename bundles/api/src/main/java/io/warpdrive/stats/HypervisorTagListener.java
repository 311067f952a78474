package io.warpdrive.stats;

import io.warpdrive.comp.WdStatus;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a request carrying a hypervisor tag ({@code Request.hypervisorTag}) completes:
 * the completion signal of the application-driven resizing of scheduling contexts (StarPU's
 * {@code sc_hypervisor_resize(ctx, tag)}). Register it as a service (whiteboard). It is
 * called on the thread that completed the request, before the caller hears of it, once per
 * tagged request: it must return at once and must not block; what it throws is logged and
 * ignored. Untagged requests cost the platform nothing.
 */
@ConsumerType
public interface HypervisorTagListener {

    /**
     * @param hypervisorTag the request's tag (never 0)
     * @param consumer symbolic name of the consumer bundle
     * @param contextTag its session's context tag, or null
     * @param status OK, or why it failed
     */
    void tagCompleted(int hypervisorTag, String consumer, String contextTag, WdStatus status);
}
