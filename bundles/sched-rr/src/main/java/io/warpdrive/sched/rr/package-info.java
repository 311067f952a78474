/** The round-robin scheduling policy (private to its bundle). */
package io.warpdrive.sched.rr;
