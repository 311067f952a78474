package io.warpdrive.sched.hypervisor;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One scheduling context (factory PID {@value ContextComponent#FACTORY_PID}, one
 * configuration per context). Sizes count queues per direction.
 */
@ObjectClassDefinition(name = "WarpDrive scheduling context",
        description = "A group of consumers that owns queues, resized at run time by the hypervisor policy.")
@interface ContextConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "Name of the context (shell, logs); empty: the configuration's name.")
    String name() default "";

    @AttributeDefinition(name = "Consumers", required = false,
            description = "Symbolic-name patterns of the consumer bundles in this context ('*' matches any run of "
                    + "characters), e.g. com.example.batch.*")
    String[] consumers() default {};

    @AttributeDefinition(name = "Context tags", required = false,
            description = "Sessions opened with one of these context tags (SessionSpec.withContextTag) belong to "
                    + "this context, whichever bundle opened them. A tag wins over a consumer pattern.")
    String[] tags() default {};

    @AttributeDefinition(name = "Initial queues",
            description = "Queues per direction the context starts with; 0: an equal share of the queues among the "
                    + "contexts that ask for one.")
    int queues() default 0;

    @AttributeDefinition(name = "Minimum queues", description = "Queues per direction the context never goes below.")
    int min_queues() default 1;

    @AttributeDefinition(name = "Maximum queues",
            description = "Queues per direction the context never goes above; 0: no bound.")
    int max_queues() default 0;

    @AttributeDefinition(name = "Resize policy",
            description = "The resize strategy, by name: APPLICATION (built in): resized only when the application "
                    + "asks (a request with a hypervisor tag of resize.tags completes, or wd:context resize); IDLENESS: "
                    + "a queue idle longer than max.idle.ms moves to a context with work waiting; THROUGHPUT: sized so "
                    + "that all THROUGHPUT contexts finish their declared work at the same time; or the name of a "
                    + "strategy a bundle registers (wd:contexts lists those present).")
    String resize_policy() default "APPLICATION";

    @AttributeDefinition(name = "Maximum idle time (ms)",
            description = "IDLENESS: a queue of this context idle longer than this moves to a context with work waiting.")
    long max_idle_ms() default 1000;

    @AttributeDefinition(name = "Maximum idle time per queue (ms)", required = false,
            description = "Entries DRIVER=MS or DRIVER/DEVICE=MS: IDLENESS: the maximum idle time of this context's "
                    + "queues of that driver or device, instead of max.idle.ms (a device's entry wins over its driver's).")
    String[] queue_max_idle_ms() default {};

    @AttributeDefinition(name = "Minimum throughput (bytes/s)",
            description = "While the context has work pending and completes fewer input bytes per second than this, the "
                    + "engine tells the hypervisor at once (a round without waiting for the tick); 0: not watched.")
    long min_throughput_bytes_per_s() default 0;

    @AttributeDefinition(name = "Declared work",
            description = "THROUGHPUT: the work the context will submit from its registration on (may be updated): "
                    + "input bytes, or units of work when its requests declare theirs (Request.declaredWork); "
                    + "0: unknown.")
    long work() default 0;

    @AttributeDefinition(name = "Declared work (former name)",
            description = "The former name of work, still read when work is not set; writing work removes it.")
    long work_bytes() default 0;

    @AttributeDefinition(name = "Time to apply (ms)",
            description = "A resize of this context decided now takes effect this long after (or after apply.after.bytes, "
                    + "whichever comes first); 0: at once unless apply.after.bytes is set.")
    long apply_after_ms() default 0;

    @AttributeDefinition(name = "Work to apply (bytes)",
            description = "A resize of this context decided now takes effect once it has completed this many more input "
                    + "bytes (or after apply.after.ms, whichever comes first); 0: not by work.")
    long apply_after_bytes() default 0;

    @AttributeDefinition(name = "Use the remainder",
            description = "Requests may also go to the queues no context owns (after the context's own).")
    boolean use_remainder() default false;

    @AttributeDefinition(name = "Minimum time between resizes (ms)",
            description = "The context's size changes at most once in this time, whatever asks for it.")
    long resize_interval_ms() default 1000;

    @AttributeDefinition(name = "Resizes at hypervisor tags", required = false,
            description = "Entries TAG=SIZE: when a request with that hypervisor tag (Request.hypervisorTag) "
                    + "completes, this context is resized to SIZE queues per direction (+N / -N: by N).")
    String[] resize_tags() default {};
}
