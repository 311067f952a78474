/**
 * The resize-strategy SPI of the scheduling-context hypervisor: a bundle registers a
 * {@link io.warpdrive.sched.resize.ResizeStrategy} service with the {@value io.warpdrive.sched.resize.ResizeStrategy#NAME}
 * property, and every context whose {@code resize.policy} names it is resized by it. The
 * hypervisor calls strategies on its own thread, one at a time, with a {@link io.warpdrive.sched.resize.ResizeRound}
 * that shows the contexts and the queues it distributes and takes the strategy's resizes.
 * A strategy that throws, breaks the rules or overruns its time is undone and demoted: its
 * contexts are resized only as the application asks until the strategy is registered again.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package io.warpdrive.sched.resize;
