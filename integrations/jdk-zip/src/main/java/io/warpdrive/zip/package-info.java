/**
 * {@link java.util.zip.Deflater} and {@link java.util.zip.Inflater} served by the platform:
 * {@link io.warpdrive.zip.PlatformDeflater} and {@link io.warpdrive.zip.PlatformInflater}
 * drop into code that takes a {@code Deflater} or an {@code Inflater}
 * ({@code new DeflaterOutputStream(out, deflater)}, {@code new InflaterInputStream(in, inflater)},
 * libraries), with the JDK classes' contract. A consumer bundle constructs them with its own
 * {@link io.warpdrive.comp.Compressor} service, so the platform accounts for and schedules the
 * work as that bundle's.
 */
@Export
@Version("1.0.0")
package io.warpdrive.zip;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
