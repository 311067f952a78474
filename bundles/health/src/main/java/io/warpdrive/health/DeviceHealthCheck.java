package io.warpdrive.health;

import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Driver;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * "A device is unhealthy or quarantined": WARN for each device that is isolated (quarantined
 * after errors) or removed, and for each driver that says why it cannot serve; CRITICAL when
 * every device of a driver is out; OK when every device of every driver is online.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=WarpDrive device health",
        HealthCheck.TAGS + "=" + Tags.WARPDRIVE,
        HealthCheck.TAGS + "=" + Tags.HARDWARE })
public final class DeviceHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<Driver> drivers;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int online = 0;
        for (Driver driver : drivers) {
            String reason = driver.unavailableReason();
            if (reason != null) {
                log.warn("driver {} cannot serve: {}", driver.name(), reason);
                continue;
            }
            List<? extends Device> devices = driver.devices();
            int out = 0;
            for (Device device : devices) {
                DeviceHealth health = device.health();
                if (health == DeviceHealth.ONLINE) {
                    online++;
                } else {
                    out++;
                    log.warn("device {} of driver {} is {}", device.name(), driver.name(), health);
                }
            }
            if (out > 0 && out == devices.size()) {
                log.critical("driver {}: none of its {} devices is online", driver.name(), out);
            }
        }
        log.info("{} devices online", online);
        return new Result(log);
    }
}
