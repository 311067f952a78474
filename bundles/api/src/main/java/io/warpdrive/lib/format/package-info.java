/**
 * The byte formats around compressed data: gzip (RFC 1952) and zlib (RFC 1950) headers and
 * trailers around deflate data, and the LZ4 frame format around LZ4 blocks, shared by every
 * driver bundle so that all of them accept and produce exactly the same framing.
 *
 * <p>The parsers and trailer readers are incremental: they are fed whatever bytes have
 * arrived, from any number of {@link java.nio.ByteBuffer}s over any number of calls,
 * consume exactly their own bytes and say when they are complete. That is what a stream
 * needs (a header may be split across requests) and what a hardware driver needs (the
 * device does not parse a gzip header with optional fields). They are reusable through
 * {@code reset()} and do not allocate in steady state, so a driver keeps one per worker
 * or per stream. Every failure is a {@link io.warpdrive.comp.WdException} with a data
 * status ({@code CORRUPT_INPUT}, {@code TRUNCATED_INPUT}, {@code CHECKSUM_MISMATCH}) or
 * {@code UNSUPPORTED}, and a message that says what was wrong and where.
 *
 * <p>{@link io.warpdrive.lib.format.MemberDecoder} puts them together: it reads a whole
 * stream (headers, deflate data through the driver's
 * {@link io.warpdrive.lib.format.DeflateEngine}, trailers, concatenated gzip members) with
 * every check, once for every driver; {@link io.warpdrive.lib.format.MemberFraming} is its
 * framing part, for a device that decodes the data and checks the trailer itself.
 *
 * <p>{@link io.warpdrive.lib.format.Lz4FrameWriter} and
 * {@link io.warpdrive.lib.format.Lz4FrameDecoder} write and read LZ4 frames around the
 * blocks a driver's {@link io.warpdrive.lib.format.Lz4BlockEngine} (a CPU library or a
 * device) compresses and decompresses; {@link io.warpdrive.lib.format.Xxh32} is the
 * format's checksum, and the content checksum goes through the engine's
 * {@link io.warpdrive.lib.format.Lz4ContentHash} (a library's XXH32 where it is faster).
 * {@link io.warpdrive.lib.format.Xxh64} is zstd's content checksum (its low 32 bits), for the
 * platform that ends a zstd frame an engine began.
 */
@Export
@Version("1.4.0")
package io.warpdrive.lib.format;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
