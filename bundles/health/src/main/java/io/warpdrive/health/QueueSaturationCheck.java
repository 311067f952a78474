package io.warpdrive.health;

import io.warpdrive.admin.Platform;
import io.warpdrive.config.ConfigurationGuard;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import java.util.Map;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * "Queues saturated": of the slots (depth) of the available queues, the share in flight now. WARN
 * at {@code saturation.warn} or above; CRITICAL when no available queue has room (requests wait
 * for capacity or fall back); OK otherwise, and when no queue is open (the accelerator check
 * reports that).
 *
 * <p>Its configuration is the one {@link CpuFallbackCheck} designates in Metatype.
 */
@Component(service = HealthCheck.class, configurationPid = HealthConfig.PID, property = {
        HealthCheck.NAME + "=WarpDrive queue saturation",
        HealthCheck.TAGS + "=" + Tags.WARPDRIVE,
        HealthCheck.TAGS + "=" + Tags.SCHEDULING })
public final class QueueSaturationCheck implements HealthCheck {

    @Reference(service = LoggerFactory.class)
    Logger logger;

    @Reference
    Platform platform;

    private final ConfigurationGuard<HealthConfig> configuration =
            new ConfigurationGuard<>(HealthConfig.class, HealthConfig.PID, m -> logger.warn(m),
                    HealthCheck.NAME, HealthCheck.TAGS);
    private volatile HealthConfig config;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        config = configuration.update(properties);
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        QueueView queues = platform.queues();
        long slots = 0;
        long inFlight = 0;
        int available = 0;
        int withRoom = 0;
        for (int i = 0; i < queues.size(); i++) {
            QueueInfo q = queues.get(i);
            if (!q.isAvailable()) {
                continue;
            }
            available++;
            slots += q.depth();
            inFlight += Math.min(q.inFlight(), q.depth());
            if (q.hasRoom()) {
                withRoom++;
            }
        }
        if (available == 0) {
            log.info("no available queue");
            return new Result(log);
        }
        double share = (double) inFlight / slots;
        String text = inFlight + " of " + slots + " slots of " + available + " available queues in flight ("
                + Percent.of(share) + ")";
        double warn = config.saturation_warn();
        if (withRoom == 0) {
            log.critical("{}: no available queue has room", text);
        } else if (share >= warn) {
            log.warn("{} (warn at {})", text, Percent.of(warn));
        } else {
            log.info("{}", text);
        }
        return new Result(log);
    }
}
