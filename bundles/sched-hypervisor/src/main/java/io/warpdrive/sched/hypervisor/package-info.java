/**
 * The scheduling-context hypervisor (StarPU's {@code sc_hypervisor}), private to
 * its bundle: consumers grouped into contexts that own queues, resized at run time.
 */
package io.warpdrive.sched.hypervisor;
