package io.warpdrive.core.engine.policy;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.EngineConfigWriter;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link io.warpdrive.admin.Platform#usePolicy}: chooses a scheduling policy by name in the
 * engine's own configuration (key {@value #KEY}) instead of re-ranking services, so choosing
 * never changes what a policy's {@code service.ranking} means for a later deployment.
 */
public final class PolicyChoice {
    static final String KEY = "scheduler.policy";

    private PolicyChoice() {
    }

    /**
     * Chooses {@code name} (null or empty: back to the highest ranking), at once and, with
     * Configuration Admin, persistently.
     *
     * @return the ranking of the policy serving now (0 when none is present)
     */
    public static int use(SchedulerRegistry registry, ConfigurationAdmin configAdmin, String name) {
        String chosen = name == null || name.isBlank() ? null : name.trim();
        if (chosen != null) {
            SchedulerRegistry.Entry target = null;
            StringBuilder present = new StringBuilder();
            for (SchedulerRegistry.Entry e : registry.entries()) {
                present.append(present.length() == 0 ? "" : ", ").append(e.name);
                if (e.name.equals(chosen)) {
                    target = e;
                }
            }
            if (target == null) {
                throw new WdException(WdStatus.INVALID_ARGUMENT, "no scheduling policy named '" + chosen
                        + "' (present: " + (present.length() == 0 ? "none" : present) + ")");
            }
            if (target.demoted) {
                throw new WdException(WdStatus.INVALID_ARGUMENT, "scheduling policy '" + chosen
                        + "' is demoted after repeated faults; it serves again once replaced (redeployed)");
            }
        }
        registry.select(chosen);
        if (configAdmin != null) {
            EngineConfigWriter.change(configAdmin, KEY, before -> chosen, "the scheduling policy");
        }
        Object active = registry.activeScheduler();
        return active instanceof SchedulerRegistry.Entry ? ((SchedulerRegistry.Entry) active).ranking : 0;
    }
}
