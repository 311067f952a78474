/**
 * Scheduling contexts from Java: an application registers its context with its total declared
 * work through the {@link io.warpdrive.sched.contexts.ContextRegistry} service of the
 * scheduling-context hypervisor, as it could with a configuration file or the shell.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.warpdrive.sched.contexts;
