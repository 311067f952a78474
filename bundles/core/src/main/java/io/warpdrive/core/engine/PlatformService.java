package io.warpdrive.core.engine;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.QueueCountConfig;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.policy.PolicyChoice;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The administrative face of the engine ({@link Platform}): the queue view, policies, queue
 * counts and models for the shell, the web console and JMX.
 *
 * <p>A component of its own, apart from the engine it administers (as SCR keeps its runtime
 * service apart from its registry). It gets the engine through a static reference to the
 * engine's bundle-internal service, so it is registered only while an engine runs and goes
 * away before the engine does. It takes the engine's configuration PID too, so the service
 * carries the engine's configuration as it did when the engine registered it itself; a
 * configuration change modifies it in place rather than re-registering it.
 */
@Component(service = Platform.class, configurationPid = Engine.PID)
public final class PlatformService implements Platform {
    @Reference
    private Engine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configAdmin;

    public PlatformService() {
    }

    /** The face of an engine started outside a framework (tests): no Configuration Admin. */
    public PlatformService(Engine engine) {
        this.engine = engine;
    }

    @Modified
    void modified() {
        // The engine applies its configuration itself; this keeps the service registered meanwhile.
    }

    @Override
    public QueueView queues() {
        return engine.views().view();
    }

    @Override
    public List<SchedulerInfo> schedulers() {
        return engine.schedulers().infos();
    }

    @Override
    public int usePolicy(String name) {
        return PolicyChoice.use(engine.schedulers(), configAdmin, name);
    }

    @Override
    public String chosenPolicy() {
        return engine.schedulers().selected();
    }

    @Override
    public long builtinPicks() {
        return engine.schedulers().builtinPicks();
    }

    @Override
    public void setQueueCount(String driver, String device, QueueMode mode, int count) {
        if (driver == null || mode == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "driver and mode are required");
        }
        if (count < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "queue count must not be negative: " + count);
        }
        DriverBinding b = engine.drivers().named(driver);
        if (b == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "unknown driver '" + driver + "' (present: "
                    + String.join(", ", new TreeSet<>(engine.drivers().names())) + ")");
        }
        List<? extends Device> devices = b.driver().devices();
        if (device != null && devices.stream().noneMatch(d -> d.name().equals(device))) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "driver " + driver + " has no device '" + device + "'");
        }
        Settings.Builder probe = engine.settings().toBuilder();
        probe.queueCount(QueueCountConfig.target(driver, device, mode) + "=" + count);
        String problem = engine.drivers().queueCountProblem(probe.build());
        if (problem != null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, problem);
        }
        QueueCountConfig.write(configAdmin, QueueCountConfig.target(driver, device, mode), count);
    }

    @Override
    public void setConsumerQueues(String consumer, int queues) {
        if (consumer == null || consumer.isBlank() || consumer.contains(",") || consumer.contains("=")) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a consumer's symbolic name is required, not '" + consumer
                    + "'");
        }
        if (queues < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "queue count must not be negative: " + queues);
        }
        QueueCountConfig.writeConsumer(configAdmin, consumer.trim(), queues);
    }

    @Override
    public int consumerQueues(String consumer) {
        return engine.settings().consumerQueues(consumer);
    }

    @Override
    public int queueCount(String driver, String device, QueueMode mode) {
        return engine.settings().queuesFor(driver, device, mode);
    }

    @Override
    public long capacityWaits() {
        return engine.line().entered();
    }

    @Override
    public boolean awaitQueue(Algorithm algorithm, Operation operation, FallbackPolicy fallback, Duration timeout) {
        return engine.views().awaitQueue(algorithm, operation, fallback, timeout == null ? 0 : timeout.toNanos());
    }

    @Override
    public boolean awaitCalibration(Duration timeout) throws InterruptedException {
        return engine.calibrations().awaitAll(timeout == null ? Duration.ZERO : timeout);
    }

    @Override
    public boolean isSystemConsumer(Bundle bundle) {
        if (bundle == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a bundle is required");
        }
        return engine.settings().isSystem(bundle);
    }

    @Override
    public Compressor compressorFor(Bundle bundle, String consumerName) {
        if (bundle == null || consumerName == null || consumerName.isBlank()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "a bundle and a consumer name are required");
        }
        return CompressorImpl.of(engine, consumerName, bundle.getVersion().toString(), bundle.getBundleId(),
                engine.settings().isSystem(bundle));
    }

    @Override
    public List<ModelInfo> models() {
        return new ArrayList<>(engine.models().models());
    }

    @Override
    public List<String> crossovers() {
        return engine.models().crossovers();
    }

    @Override
    public boolean resetQuarantine(String device) {
        return engine.quarantine().reset(device);
    }
}
