package io.warpdrive.health;

import io.warpdrive.admin.Platform;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * "An accelerator is present and serving": OK when a hardware driver has an available queue, or
 * when no hardware driver is deployed (the CPU engines are then the product as configured); WARN
 * when a hardware driver is deployed but only CPU engines have available queues; CRITICAL when no
 * engine has an available queue at all.
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=WarpDrive accelerator serving",
        HealthCheck.TAGS + "=" + Tags.WARPDRIVE,
        HealthCheck.TAGS + "=" + Tags.HARDWARE })
public final class AcceleratorServingCheck implements HealthCheck {

    @Reference
    Platform platform;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<Driver> drivers;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        TreeMap<String, Integer> hardwareQueues = new TreeMap<>();
        int cpuQueues = 0;
        QueueView queues = platform.queues();
        for (int i = 0; i < queues.size(); i++) {
            QueueInfo q = queues.get(i);
            if (!q.isAvailable()) {
                continue;
            }
            if (q.calcType().isHardware()) {
                hardwareQueues.merge(q.driver(), 1, Integer::sum);
            } else {
                cpuQueues++;
            }
        }
        TreeSet<String> hardwareDrivers = new TreeSet<>();
        for (Driver d : drivers) {
            if (d.calcType().isHardware()) {
                hardwareDrivers.add(d.name());
            }
        }
        if (!hardwareQueues.isEmpty()) {
            log.info("hardware serving: available queues per driver {}, CPU queues {}", hardwareQueues, cpuQueues);
        } else if (cpuQueues == 0) {
            log.critical("no engine serves: no available queue on any driver");
        } else if (hardwareDrivers.isEmpty()) {
            log.info("no hardware driver deployed: {} CPU queues serve", cpuQueues);
        } else {
            log.warn("only CPU engines serve ({} queues): hardware driver(s) {} deployed without an available queue",
                    cpuQueues, hardwareDrivers);
        }
        return new Result(log);
    }
}
