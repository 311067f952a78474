package io.warpdrive.driver.isal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the isal driver (PID {@value IsalDriver#PID}). */
@ObjectClassDefinition(name = "WarpDrive isal driver",
        description = "CPU queues served by Intel ISA-L's igzip (libisal) through JNA.")
@interface IsalConfig {

    @AttributeDefinition(name = "Library",
            description = "The ISA-L shared library, found as the dynamic linker finds libraries (Debian package "
                    + "libisal2), or an absolute path.")
    String library() default "libisal.so.2";

    @AttributeDefinition(name = "Levels",
            description = "igzip level (0..3) for each of the platform's levels 1 to 9, comma-separated.")
    String levels() default LevelMap.DEFAULT;

    @AttributeDefinition(name = "Priority",
            description = "Driver priority (larger wins): above the soft driver (0), below hardware (hisi_zip 100).")
    int priority() default 50;

    @AttributeDefinition(name = "Devices", description = "Devices (isal-0, isal-1, …).", min = "1")
    int devices() default 1;

    @AttributeDefinition(name = "Instances per device", description = "Queues that can be open on one device at a time.",
            min = "1")
    int instances() default 64;

    @AttributeDefinition(name = "Queue depth", description = "Jobs one queue holds in flight.", min = "1")
    int depth() default 64;

    @AttributeDefinition(name = "Workers",
            description = "CPU worker threads serving all queues; 0 means one per available processor.", min = "0")
    int workers() default 0;

    @AttributeDefinition(name = "Worker spin (µs)",
            description = "How long an idle worker spins for new work before it parks.", min = "0")
    long worker_spin_us() default 50;

    @AttributeDefinition(name = "Sync requests on the caller's thread",
            description = "A sync caller runs its own job instead of waiting for a worker: no hand-off, no wake-up. "
                    + "Off: workers run every job, so they bound the CPU used.")
    boolean sync_on_caller() default true;

    @AttributeDefinition(name = "NUMA node", description = "NUMA node the devices report.", min = "0")
    int numa_node() default 0;
}
