/**
 * Accounting (seed 000 §3): which consumer uses the accelerators how well, and how busy
 * each driver, device and queue is. The {@link io.warpdrive.stats.UsageStats} service hands
 * out snapshots; counters survive policy swaps and driver restarts and are reset only on
 * request.
 */
@Export
@Version("1.0.0")
package io.warpdrive.stats;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
