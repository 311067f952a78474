package io.warpdrive.driver.soft;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the soft driver (PID {@value SoftDriver#PID}). */
@ObjectClassDefinition(name = "WarpDrive soft driver",
        description = "Emulated accelerator devices served by CPU worker threads with java.util.zip.")
@interface SoftConfig {

    @AttributeDefinition(name = "Devices", description = "Emulated devices (soft-0, soft-1, …).", min = "1")
    int devices() default 1;

    @AttributeDefinition(name = "Instances per device",
            description = "Queues that can be open on one device at a time (64, as a HiSilicon ZIP device).",
            min = "1")
    int instances() default 64;

    @AttributeDefinition(name = "Queue depth", description = "Jobs one queue holds in flight.", min = "1")
    int depth() default 64;

    @AttributeDefinition(name = "Workers",
            description = "CPU worker threads serving all queues; 0 means one per available processor.",
            min = "0")
    int workers() default 0;

    @AttributeDefinition(name = "Worker spin (µs)",
            description = "How long an idle worker spins for new work before it parks.", min = "0")
    long worker_spin_us() default 50;

    @AttributeDefinition(name = "Sync requests on the caller's thread",
            description = "A sync caller runs its own job instead of waiting for a worker (as UADK's CPU drivers "
                    + "do): no hand-off, no wake-up. Off: workers run every job, so they bound the CPU used.")
    boolean sync_on_caller() default true;

    @AttributeDefinition(name = "Priority",
            description = "Driver priority (larger wins); the soft driver is the lowest so it is the fallback.")
    int priority() default 0;

    @AttributeDefinition(name = "NUMA node", description = "NUMA node the emulated devices report.", min = "0")
    int numa_node() default 0;
}
