/**
 * Performance models of the engines (bundle-private): per device of a driver, operation,
 * algorithm, level class and size class, a service time of fixed cost plus cost per byte learned
 * from every completion, the work queued on the device and a sync caller's path cost. The pick
 * ({@code io.warpdrive.core.pick}) and the policies (through {@code QueueInfo.predictedFinishNanos})
 * read them.
 */
package io.warpdrive.core.model;
