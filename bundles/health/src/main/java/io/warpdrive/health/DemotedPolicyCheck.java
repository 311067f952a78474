package io.warpdrive.health;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * "A scheduling policy was demoted": WARN naming every demoted policy and its faults (requests
 * still flow: another policy or the built-in pick serves them); CRITICAL when every policy
 * present is demoted, so that only the built-in pick serves; OK otherwise.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=WarpDrive scheduling policies",
        HealthCheck.TAGS + "=" + Tags.WARPDRIVE,
        HealthCheck.TAGS + "=" + Tags.SCHEDULING })
public final class DemotedPolicyCheck implements HealthCheck {

    @Reference
    Platform platform;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<SchedulerInfo> policies = platform.schedulers();
        List<String> demoted = new ArrayList<>();
        String active = null;
        for (SchedulerInfo s : policies) {
            if (s.demoted()) {
                demoted.add(s.name() + " (" + s.faults() + " faults)");
            } else if (s.active()) {
                active = s.name();
            }
        }
        if (policies.isEmpty()) {
            log.info("no scheduling policy deployed: the built-in pick serves");
        } else if (demoted.size() == policies.size()) {
            log.critical("every scheduling policy is demoted: {}; the built-in pick serves", demoted);
        } else if (!demoted.isEmpty()) {
            log.warn("demoted scheduling policies: {}; {} serves", demoted, active == null ? "the built-in pick" : active);
        } else {
            log.info("{} serves; no policy demoted", active == null ? "the built-in pick" : active);
        }
        return new Result(log);
    }
}
