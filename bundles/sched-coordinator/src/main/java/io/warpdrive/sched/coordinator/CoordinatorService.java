package io.warpdrive.sched.coordinator;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Priority;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.coordinator.Coordinator;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link Coordinator} service, with bundle scope: each consumer bundle gets its own
 * instance, so the tunes it asks for are its own and its class comes from its identity (the
 * platform's rule, {@link Platform#isSystemConsumer}), never from what it says. When the bundle
 * releases the service (it stops), its tunes are removed.
 */
@Component(service = Coordinator.class, scope = ServiceScope.BUNDLE)
public final class CoordinatorService implements Coordinator {

    @Reference
    private CoordinatorScheduler coordinator;

    @Reference
    private Platform platform;

    private Bundle consumer;

    @Activate
    void activate(ComponentContext context) {
        consumer = context.getUsingBundle();
    }

    @Deactivate
    void deactivate() {
        coordinator.book().untuneAll(consumer.getBundleId(), "the bundle released the coordinator service (stopped)");
    }

    /** The caller as the platform classes it now. */
    private Owner owner() {
        return new Owner(consumer.getSymbolicName(), consumer.getBundleId(), platform.isSystemConsumer(consumer));
    }

    @Override
    public long tune(String resource, long value, Duration duration, Priority priority) {
        if (priority == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a priority (HIGH or LOW) is required");
        }
        Owner o = owner();
        return coordinator.book().tune(o, resource, value, duration, PriorityLevel.of(o.system, priority));
    }

    @Override
    public long tune(String resource, long value, Duration duration, PriorityLevel level) {
        return coordinator.book().tune(owner(), resource, value, duration, level);
    }

    @Override
    public long tune(Map<String, Long> values, Duration duration, Priority priority) {
        if (priority == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a priority (HIGH or LOW) is required");
        }
        Owner o = owner();
        return coordinator.book().tune(o, values, duration, PriorityLevel.of(o.system, priority));
    }

    @Override
    public long tune(Map<String, Long> values, Duration duration, PriorityLevel level) {
        return coordinator.book().tune(owner(), values, duration, level);
    }

    @Override
    public void retune(long handle, Duration duration) {
        coordinator.book().retune(owner(), handle, duration);
    }

    @Override
    public void untune(long handle) {
        coordinator.book().untune(owner(), handle);
    }

    @Override
    public PriorityLevel level(Priority priority) {
        if (priority == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a priority (HIGH or LOW) is required");
        }
        return PriorityLevel.of(platform.isSystemConsumer(consumer), priority);
    }

    @Override
    public List<ResourceState> resources() {
        return coordinator.book().resources();
    }
}
