/**
 * Lock-free building blocks for drivers and the engine: bounded rings that hand jobs
 * between threads without locks or per-operation allocation.
 */
@Export
@Version("1.0.0")
package io.warpdrive.lib.ring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
