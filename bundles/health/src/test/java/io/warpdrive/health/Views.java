package io.warpdrive.health;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.log.Logger;

/** Fake platform views the checks read: queues, policies, drivers and devices. */
final class Views {
    private Views() {
    }

    static QueueInfo queue(String driver, CalcType calcType, boolean available, int depth, int inFlight) {
        return Fake.of(QueueInfo.class, Map.of("driver", driver, "calcType", calcType, "isAvailable", available,
                "depth", depth, "inFlight", inFlight, "hasRoom", available && inFlight < depth));
    }

    static QueueView queues(QueueInfo... queues) {
        return new QueueView() {
            @Override
            public int size() {
                return queues.length;
            }

            @Override
            public QueueInfo get(int index) {
                return queues[index];
            }

            @Override
            public int distance(int fromNode, int toNode) {
                return 10;
            }
        };
    }

    static Platform platform(QueueView queues, SchedulerInfo... policies) {
        return Fake.of(Platform.class, Map.of("queues", queues, "schedulers", List.of(policies)));
    }

    static SchedulerInfo policy(String name, boolean active, boolean demoted, long faults) {
        return Fake.of(SchedulerInfo.class, Map.of("name", name, "active", active, "demoted", demoted, "faults", faults));
    }

    static Device device(String name, DeviceHealth health) {
        return Fake.of(Device.class, Map.of("name", name, "health", health));
    }

    static Driver driver(String name, CalcType calcType, Device... devices) {
        return unavailable(name, calcType, null, devices);
    }

    /** A driver that says why it cannot serve ({@code reason}), or serves (null). */
    static Driver unavailable(String name, CalcType calcType, String reason, Device... devices) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("name", name);
        answers.put("calcType", calcType);
        answers.put("devices", Arrays.asList(devices));
        answers.put("unavailableReason", reason);
        return Fake.of(Driver.class, answers);
    }

    /** A logger that keeps what is logged at WARN (the configuration guard's refusals). */
    static Logger logger(List<String> warnings) {
        return (Logger) java.lang.reflect.Proxy.newProxyInstance(Views.class.getClassLoader(),
                new Class<?>[] {Logger.class}, (p, m, args) -> {
                    if (m.getName().equals("warn")) {
                        warnings.add(String.valueOf(args[0]));
                        return null;
                    }
                    throw new AssertionError("Logger." + m.getName() + " is not expected here");
                });
    }
}
