package io.warpdrive.sched;

import io.warpdrive.comp.Priority;

/**
 * The four priority levels of the priority coordinator, highest first. System versus third party comes
 * from the consumer bundle's identity (platform configuration), high versus low from
 * the caller's {@link Priority}.
 */
public enum PriorityLevel {
    SYSTEM_HIGH,
    SYSTEM_LOW,
    THIRD_PARTY_HIGH,
    THIRD_PARTY_LOW;

    public static PriorityLevel of(boolean system, Priority priority) {
        boolean high = priority == Priority.HIGH;
        if (system) {
            return high ? SYSTEM_HIGH : SYSTEM_LOW;
        }
        return high ? THIRD_PARTY_HIGH : THIRD_PARTY_LOW;
    }

    public boolean isSystem() {
        return this == SYSTEM_HIGH || this == SYSTEM_LOW;
    }
}
