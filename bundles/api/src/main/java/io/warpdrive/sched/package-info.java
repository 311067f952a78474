/**
 * The scheduler SPI ({@code wd_sched}). A policy bundle registers a
 * {@link io.warpdrive.sched.Scheduler} service with a {@code service.ranking}; the
 * platform uses the highest-ranked one and swaps atomically when that changes. For each
 * request it gets a {@link io.warpdrive.sched.SchedKey} and a read-only
 * {@link io.warpdrive.sched.QueueView} and returns the queue to use.
 *
 * <p>A policy is untrusted: if it throws, returns a queue that cannot take the request
 * ({@link io.warpdrive.sched.QueueInfo#canTake}) or is slow, the platform serves the
 * request with its built-in pick and counts the fault.
 *
 * <p>Since 1.2 a queue offers the platform's prediction for the request at hand
 * ({@link io.warpdrive.sched.QueueInfo#predictedFinishNanos}): the platform learns each
 * engine's service time and the policies pick the queue that finishes first within their rules.
 */
@Export
@Version("1.2.0")
package io.warpdrive.sched;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
