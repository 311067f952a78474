/**
 * The priority coordinator's tune API. A consumer bundle gets a
 * {@link io.warpdrive.coordinator.Coordinator} service (bundle scope: the coordinator knows
 * which bundle tunes, and so its class) and asks for a value of a resource — hardware
 * capacity held back for its level, the CPU fallback worker count, a per-consumer hardware
 * limit — for a while, at a priority within its class. Per resource and level the tunes form
 * an ordered list; the value in force comes from the highest level that has one, ordered by
 * the resource's {@link io.warpdrive.coordinator.TunePolicy}. Expired or untuned tunes leave;
 * when none is left, the resource's default is back. A consumer bundle that stops loses its
 * tunes.
 *
 * <p>Since 1.1 one tune request may name several resources, applied and released together.
 */
@Export
@Version("1.1.0")
package io.warpdrive.coordinator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
