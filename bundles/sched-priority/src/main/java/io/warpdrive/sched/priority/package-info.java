/** The default scheduling policy (private to its bundle). */
package io.warpdrive.sched.priority;
