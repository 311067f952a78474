package io.warpdrive.sched.rr;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the round-robin policy (PID {@value RoundRobinScheduler#PID}). */
@ObjectClassDefinition(name = "WarpDrive scheduling policy: round robin",
        description = "UADK's RR: queues handed out in turn, bound to sessions or per request.")
@interface RoundRobinConfig {

    @AttributeDefinition(name = "Ranking",
            description = "service.ranking of this policy; the platform uses the highest-ranked policy present.")
    int service_ranking() default 10;

    @AttributeDefinition(name = "Binding",
            description = "SESSION: a session keeps the queue it got first (per direction and sync/async), as "
                    + "UADK's RR does; REQUEST: every request takes the next queue.",
            options = { @Option(label = "per session", value = "SESSION"),
                    @Option(label = "per request", value = "REQUEST") })
    String binding() default "SESSION";
}
