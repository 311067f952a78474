/** The NUMA-locality scheduling policy (private to its bundle). */
package io.warpdrive.sched.locality;
