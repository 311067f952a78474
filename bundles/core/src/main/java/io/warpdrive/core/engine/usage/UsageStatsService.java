package io.warpdrive.core.engine.usage;

import io.warpdrive.core.engine.Engine;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.ContextUsage;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.stats.QueueUsage;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.stats.UsageStats;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The accounting service: the engine's counters for other bundles (shell, JMX, consoles). */
// The component name it had before the engine was split into rooms (seen by the shell, web console, SCR).
@Component(name = "io.warpdrive.core.engine.UsageStatsService", service = UsageStats.class)
public final class UsageStatsService implements UsageStats {

    @Reference
    private Engine engine;

    @Override
    public List<ConsumerUsage> consumers() {
        return engine.usage().consumers();
    }

    @Override
    public List<QueueUsage> queues() {
        return engine.usage().queues();
    }

    @Override
    public List<DeviceUsage> devices() {
        return engine.usage().devices();
    }

    @Override
    public List<DriverUsage> drivers() {
        return engine.usage().drivers();
    }

    @Override
    public List<ContextUsage> contexts() {
        return engine.usage().contexts();
    }

    @Override
    public StreamContinuityUsage streamContinuity() {
        return engine.usage().streamContinuity();
    }

    @Override
    public void thresholdsChanged() {
        engine.usage().thresholdsChanged();
    }

    @Override
    public Instant since() {
        return engine.usage().since();
    }

    @Override
    public void reset() {
        engine.usage().reset();
    }
}
