/** The priority coordinator scheduling policy (private to its bundle). */
package io.warpdrive.sched.coordinator;
