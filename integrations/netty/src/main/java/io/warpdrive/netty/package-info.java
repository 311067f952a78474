/**
 * Netty's zlib codecs served by the platform: {@link io.warpdrive.netty.PlatformZlibEncoder}
 * and {@link io.warpdrive.netty.PlatformZlibDecoder} are Netty {@code ZlibEncoder} and
 * {@code ZlibDecoder}s for every {@code ZlibWrapper}, and
 * {@link io.warpdrive.netty.PlatformHttpContentCompressor} is an {@code HttpContentCompressor}
 * whose gzip and deflate encodings use them. A consumer bundle constructs them with its own
 * {@link io.warpdrive.comp.Compressor} service, so the platform accounts for the work as that
 * bundle's.
 */
@Export
@Version("1.0.0")
package io.warpdrive.netty;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
