package io.warpdrive.sched.hypervisor;

/**
 * A session's context, kept in its policy state so that a request finds it without
 * matching: valid while the contexts' configuration (its generation) is unchanged.
 */
record Membership(int generation, int context) {
}
