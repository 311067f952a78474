package io.warpdrive.sched.locality;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the locality policy (PID {@value LocalityScheduler#PID}). */
@ObjectClassDefinition(name = "WarpDrive scheduling policy: NUMA locality",
        description = "Queues on the caller's NUMA node first, then the nearest other node.")
@interface LocalityConfig {

    @AttributeDefinition(name = "Ranking",
            description = "service.ranking of this policy; the platform uses the highest-ranked policy present.")
    int service_ranking() default 20;

    @AttributeDefinition(name = "Spill",
            description = "When the caller's node has no queue with room, use the nearest other node. "
                    + "Without spilling, HARDWARE_ONLY requests wait for their node (AUTO still never stalls).")
    boolean spill() default true;

    @AttributeDefinition(name = "CPU refresh (µs)",
            description = "How long a thread's CPU, read with sched_getcpu, is trusted before it is read again.",
            min = "0")
    long cpu_refresh_us() default 1000;
}
