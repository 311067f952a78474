package io.warpdrive.sched.coordinator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the priority coordinator (PID {@value CoordinatorScheduler#PID}). */
@ObjectClassDefinition(name = "WarpDrive scheduling policy: priority coordinator",
        description = "Tunes of hardware capacity, CPU fallback workers and per-consumer hardware limits, "
                + "ordered per resource by priority level and policy; requests placed by their level.")
@interface CoordinatorConfig {

    @AttributeDefinition(name = "Ranking",
            description = "service.ranking of this policy; the platform uses the highest-ranked policy present.")
    int service_ranking() default 30;

    @AttributeDefinition(name = "Resources",
            description = "The resource table, entries NAME=KIND[@TARGET][:POLICY][:DEFAULT] (comma-separated in a "
                    + ".cfg file). KIND: hardware (instances of a device group held back for the level in force and "
                    + "above; TARGET * | DRIVER | DRIVER/DEVICE), hardware.per.consumer (hardware instances one "
                    + "consumer of a lower level may hold), cpu.workers (the CPU drivers' workers, soft and isal). POLICY: "
                    + "INSTANT_APPLY (default), HIGHER_IS_BETTER, LOWER_IS_BETTER, LAZY_APPLY. DEFAULT: the value "
                    + "when no tune is pending (a number, or unlimited).")
    String[] resources() default {
        "hardware=hardware@*:HIGHER_IS_BETTER:0",
        "hardware.per.consumer=hardware.per.consumer:LOWER_IS_BETTER:unlimited",
        "cpu.workers=cpu.workers:INSTANT_APPLY"
    };
}
