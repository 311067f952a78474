/**
 * Administration: what the platform runs (queues, drivers, the scheduling policy) for
 * shells, consoles and management tools.
 */
@Export
@Version("1.4.0")
package io.warpdrive.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
