package io.warpdrive.sched.priority;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the priority policy (PID {@value PriorityScheduler#PID}). */
@ObjectClassDefinition(name = "WarpDrive scheduling policy: priority",
        description = "Soonest predicted finish first (the platform's performance models), then highest driver "
                + "priority, then NUMA distance to the caller, then least loaded.")
@interface PriorityConfig {

    @AttributeDefinition(name = "Ranking",
            description = "service.ranking of this policy; the platform uses the highest-ranked policy present.")
    int service_ranking() default 0;

    @AttributeDefinition(name = "NUMA aware",
            description = "Prefer queues on the caller's NUMA node among those of equal driver priority.")
    boolean numa_aware() default true;
}
