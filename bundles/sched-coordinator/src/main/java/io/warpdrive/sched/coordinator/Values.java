package io.warpdrive.sched.coordinator;

import io.warpdrive.coordinator.ResourceState;

/** How resource values read in the shell and the log. */
final class Values {
    private Values() {
    }

    static String format(long value) {
        return value == ResourceState.UNLIMITED ? "unlimited" : Long.toString(value);
    }
}
