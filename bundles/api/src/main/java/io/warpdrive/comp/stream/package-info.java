/**
 * java.io streams and one-shot calls over the wd_comp service, for code written against
 * {@code java.util.zip}.
 *
 * <p>{@link io.warpdrive.comp.stream.CompressorOutputStream} and
 * {@link io.warpdrive.comp.stream.DecompressorInputStream} have the shape of
 * {@code GZIPOutputStream}/{@code DeflaterOutputStream} and
 * {@code GZIPInputStream}/{@code InflaterInputStream} for gzip, zlib and raw deflate; each
 * runs one {@link io.warpdrive.comp.StreamSession} of the consumer's
 * {@link io.warpdrive.comp.Compressor}, so every block may be served by an accelerator.
 * {@link io.warpdrive.comp.stream.Compress} and {@link io.warpdrive.comp.stream.Decompress}
 * handle a whole array or buffer in one call, as a {@code Deflater} or {@code Inflater}
 * used once would. The formats are the standard ones: what these write, java.util.zip,
 * gzip and zlib read, and what those write, these read.
 *
 * <p>{@link io.warpdrive.comp.stream.ParallelCompression} (1.1) compresses one stream in
 * pieces on several engines at once, as pigz does on several cores, into the same
 * standard single-member output; zstd and LZ4 (1.2) into one frame per piece.
 */
@Export
@Version("1.2.0")
package io.warpdrive.comp.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
