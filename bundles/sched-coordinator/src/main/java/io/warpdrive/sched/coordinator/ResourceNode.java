package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.ResourceKind;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.sched.PriorityLevel;

/**
 * One resource of the table with its tunes: one ordered list per priority level.
 * The value in force is the head of the highest non-empty level. Guarded by the
 * {@link Coordination}'s lock.
 */
final class ResourceNode {
    private static final PriorityLevel[] LEVELS = PriorityLevel.values();

    final ResourceSpec spec;
    private final TuneList[] levels = new TuneList[LEVELS.length];

    ResourceNode(ResourceSpec spec) {
        this.spec = spec;
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new TuneList();
        }
    }

    TuneList list(PriorityLevel level) {
        return levels[level.ordinal()];
    }

    /** The tune in force, or null when the default is. */
    TuneNode inForce() {
        for (TuneList l : levels) {
            if (!l.isEmpty()) {
                return l.head();
            }
        }
        return null;
    }

    /** The value when no tune is pending: the configured default, else the kind's. */
    long defaultValue(Knob workers) {
        if (spec.configuredDefault != null) {
            return spec.configuredDefault;
        }
        switch (spec.kind) {
            case HARDWARE_PER_CONSUMER:
                return ResourceState.UNLIMITED;
            case CPU_WORKERS:
                return workers.original();
            default:
                return 0;
        }
    }

    /** True when nothing is pending and the table gives no default: the driver's own setting is back. */
    boolean restoresOriginal() {
        return inForce() == null && spec.configuredDefault == null && spec.kind == ResourceKind.CPU_WORKERS;
    }

    int tuneCount() {
        int n = 0;
        for (TuneList l : levels) {
            n += l.size();
        }
        return n;
    }

    /** Every tune, highest level first, each level in its policy's order. */
    void forEach(java.util.function.Consumer<TuneNode> action) {
        for (TuneList l : levels) {
            l.forEach(action);
        }
    }
}
