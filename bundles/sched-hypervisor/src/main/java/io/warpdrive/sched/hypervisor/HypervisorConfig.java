package io.warpdrive.sched.hypervisor;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the hypervisor policy (PID {@value HypervisorScheduler#PID}); contexts have their own. */
@ObjectClassDefinition(name = "WarpDrive scheduling policy: scheduling-context hypervisor",
        description = "Consumers grouped into scheduling contexts that own queues, resized at run time.")
@interface HypervisorConfig {

    @AttributeDefinition(name = "Ranking",
            description = "service.ranking of this policy; the platform uses the highest-ranked policy present.")
    int service_ranking() default 40;

    @AttributeDefinition(name = "Tick (ms)",
            description = "How often the hypervisor reads the counters, resizes contexts and hands over drained queues.")
    long tick_ms() default 100;

    @AttributeDefinition(name = "Throughput tolerance",
            description = "THROUGHPUT contexts are planned again when their expected finish times drift further apart "
                    + "than this share of the latest (0.05: 5%).")
    double throughput_tolerance() default 0.05;

    @AttributeDefinition(name = "Resize strategy budget (ms)",
            description = "A resize strategy that takes longer than this to decide a round has the round undone and "
                    + "is demoted (its contexts are resized only as the application asks until it is registered again).")
    long strategy_budget_ms() default 20;
}
