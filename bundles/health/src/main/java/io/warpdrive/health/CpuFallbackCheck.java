package io.warpdrive.health;

import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.lib.Driver;
import io.warpdrive.stats.ConsumerUsage;
import io.warpdrive.stats.UsageStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * "Share of requests that fell back to the CPU over the last window above a threshold": of the
 * requests that succeeded in the window ({@code fallback.window.seconds}), the share served by CPU
 * engines, while a hardware driver is deployed. WARN above {@code fallback.share.warn}, CRITICAL
 * above {@code fallback.share.critical}. The counters are read every twelfth of the window and at
 * each execution, so the window is there whether or not anything runs the check regularly; the
 * component is immediate because a delayed one would be dropped, readings and all, after each
 * execution.
 */
@Component(service = HealthCheck.class, configurationPid = HealthConfig.PID, immediate = true, property = {
        HealthCheck.NAME + "=WarpDrive CPU fallback share",
        HealthCheck.TAGS + "=" + Tags.WARPDRIVE,
        HealthCheck.TAGS + "=" + Tags.HARDWARE })
@Designate(ocd = HealthConfig.class)
public final class CpuFallbackCheck implements HealthCheck {

    @Reference(service = LoggerFactory.class)
    Logger logger;

    @Reference
    UsageStats stats;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<Driver> drivers;

    /** The clock of the readings; tests set a fake one. */
    LongSupplier clock = System::nanoTime;

    private final ConfigurationGuard<HealthConfig> configuration =
            new ConfigurationGuard<>(HealthConfig.class, HealthConfig.PID, m -> logger.warn(m),
                    HealthCheck.NAME, HealthCheck.TAGS);
    private final FallbackWindow window = new FallbackWindow(0);
    private HealthConfig config;
    private ScheduledExecutorService reader;
    private ScheduledFuture<?> readings;

    @Activate
    void activate(Map<String, Object> properties) {
        reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warpdrive-health-fallback");
            t.setDaemon(true);
            return t;
        });
        modified(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        config = configuration.update(properties);
        if (config.fallback_share_warn() >= config.fallback_share_critical()) {
            // A WARN level at or above CRITICAL would never warn before it is critical.
            config = configuration.refuse("fallback.share.warn (" + config.fallback_share_warn()
                    + ") must be below fallback.share.critical (" + config.fallback_share_critical() + ")");
        }
        long windowNanos = TimeUnit.SECONDS.toNanos(config.fallback_window_seconds());
        window.window(windowNanos);
        read();
        if (reader != null) {
            if (readings != null) {
                readings.cancel(false);
            }
            long every = Math.max(1, windowNanos / 12);
            readings = reader.scheduleWithFixedDelay(this::read, every, every, TimeUnit.NANOSECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        reader.shutdownNow();
    }

    private synchronized FallbackWindow.Share read() {
        long hardware = 0;
        long cpu = 0;
        for (ConsumerUsage c : stats.consumers()) {
            hardware += c.hardwareRequests();
            cpu += c.cpuRequests();
        }
        return window.record(clock.getAsLong(), hardware, cpu);
    }

    @Override
    public Result execute() {
        FallbackWindow.Share share;
        HealthConfig limits;
        synchronized (this) {
            share = read();
            limits = config;
        }
        FormattingResultLog log = new FormattingResultLog();
        boolean hardwareDeployed = drivers.stream().anyMatch(d -> d.calcType().isHardware());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(share.spanNanos());
        if (!hardwareDeployed) {
            log.info("no hardware driver deployed: CPU engines are the only ones ({} requests in the last {} s)",
                    share.requests(), seconds);
            return new Result(log);
        }
        if (share.requests() == 0) {
            log.info("no requests in the last {} s", seconds);
            return new Result(log);
        }
        double cpuShare = share.cpuShare();
        String text = Percent.of(cpuShare) + " of " + share.requests() + " requests in the last " + seconds
                + " s were served by CPU engines";
        if (cpuShare > limits.fallback_share_critical()) {
            log.critical("{} (critical above {})", text, Percent.of(limits.fallback_share_critical()));
        } else if (cpuShare > limits.fallback_share_warn()) {
            log.warn("{} (warn above {})", text, Percent.of(limits.fallback_share_warn()));
        } else {
            log.info("{}", text);
        }
        return new Result(log);
    }
}
