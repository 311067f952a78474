/**
 * wd_lib: the driver SPI. A vendor driver bundle registers a {@link io.warpdrive.lib.Driver}
 * service; the platform opens {@link io.warpdrive.lib.Queue}s on its
 * {@link io.warpdrive.lib.Device}s and sends them {@link io.warpdrive.lib.Job}s.
 *
 * <p>Contract in short: opening a queue may fail with {@link io.warpdrive.comp.WdStatus#BUSY}
 * (no free instance), which is normal. A queue is non-blocking: {@code send} refuses
 * when full, {@code receive} reaps what has completed. Every job a queue accepts
 * completes exactly once, with a result or an error, also when the queue is closed or
 * the driver goes away.
 */
@Export
@Version("1.6.0")
package io.warpdrive.lib;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
