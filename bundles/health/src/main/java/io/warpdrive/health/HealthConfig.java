package io.warpdrive.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Thresholds of the WarpDrive health checks (one configuration for all of them). */
@ObjectClassDefinition(name = "WarpDrive health checks",
        description = "Thresholds of the WarpDrive Felix Health Checks")
@interface HealthConfig {
    String PID = "io.warpdrive.health";

    @AttributeDefinition(name = "CPU fallback share, warn", min = "0", max = "1",
            description = "WARN when more than this share of the window's requests were served by CPU engines while a hardware driver is deployed")
    double fallback_share_warn() default 0.2;

    @AttributeDefinition(name = "CPU fallback share, critical", min = "0", max = "1",
            description = "CRITICAL when more than this share of the window's requests were served by CPU engines while a hardware driver is deployed")
    double fallback_share_critical() default 0.8;

    @AttributeDefinition(name = "CPU fallback window (s)", min = "10", max = "3600",
            description = "How far back the CPU fallback share looks")
    int fallback_window_seconds() default 60;

    @AttributeDefinition(name = "Queue saturation, warn", min = "0", max = "1",
            description = "WARN when this share of the slots of the available queues is in flight; CRITICAL when no available queue has room")
    double saturation_warn() default 0.9;
}
