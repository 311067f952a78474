/**
 * Accounting: which consumer uses the accelerators how well, and how busy
 * each driver, device and queue is. The {@link io.warpdrive.stats.UsageStats} service hands
 * out snapshots; counters survive policy swaps and driver restarts and are reset only on
 * request. {@link io.warpdrive.stats.ContextUsage} and the
 * {@link io.warpdrive.stats.HypervisorTagListener} whiteboard serve policies that resize
 * scheduling contexts. Since 1.2 each consumer's hardware-busy and CPU time are also averaged
 * over 1, 5 and 15 minutes ({@link io.warpdrive.stats.MovingAverages}), as rates and as shares.
 * Since 1.3 the engine pushes crossings of the work counters (work submitted, all completed,
 * idle or slow beyond a threshold) to {@link io.warpdrive.stats.UsageEventListener}s.
 * Since 1.4 each device counts its wrong outputs ({@link io.warpdrive.stats.DeviceUsage#wrongOutputs}).
 * Since 1.5 streams that continue on another engine, and the compressed input decompression
 * streams keep to do so, are counted ({@link io.warpdrive.stats.UsageStats#streamContinuity}).
 */
@Export
@Version("1.5.0")
package io.warpdrive.stats;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
