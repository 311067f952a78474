package io.warpdrive.driver.zstdlz4;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the zstd-lz4 driver (PID {@value ZstdLz4Driver#PID}). */
@ObjectClassDefinition(name = "WarpDrive zstd-lz4 driver",
        description = "Accelerator-like devices served by CPU worker threads with zstd-jni (the zstd frame format) "
                + "and lz4-java (the LZ4 frame format).")
@interface ZstdLz4Config {

    @AttributeDefinition(name = "Devices", description = "Devices (zstd-lz4-0, zstd-lz4-1, …).", min = "1")
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
            description = "Driver priority (larger wins) among the drivers that serve zstd and LZ4.")
    int priority() default 10;

    @AttributeDefinition(name = "NUMA node", description = "NUMA node the devices report.", min = "0")
    int numa_node() default 0;
}
