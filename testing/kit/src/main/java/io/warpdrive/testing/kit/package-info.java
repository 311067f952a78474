/**
 * What tests of the platform share, on the exported API alone: the configurable
 * {@link FakeDriver} (and {@link FakeDrivers}, those an engine harness bound),
 * {@link SimulatedTime} for timed fake engines, bounded waits ({@link Await}),
 * {@link ProcessResources} probes, gzip headers built by hand ({@link HeaderBytes}) and
 * allocation counting ({@link Allocations}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.warpdrive.testing.kit;
