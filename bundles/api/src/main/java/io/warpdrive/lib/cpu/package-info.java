/**
 * The machinery of a CPU driver, whose "device" is the processor: accelerator-like
 * {@link io.warpdrive.lib.cpu.CpuDevice devices} and queues whose jobs a
 * {@link io.warpdrive.lib.cpu.WorkerPool} of threads (or a sync caller's own thread) runs,
 * each with its own {@link io.warpdrive.lib.cpu.CpuCodec}. A driver brings only its codec,
 * its configuration and its streams.
 */
@Export
@Version("1.2.0")
package io.warpdrive.lib.cpu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
