/**
 * The zstd-lz4 driver: accelerator-like queues served on CPU threads by zstd-jni and
 * lz4-java, bundles of their own that carry the native libraries. Private to the bundle.
 *
 * <p>A worker thread owns one {@link io.warpdrive.driver.zstdlz4.ZstdLz4Codec}: for zstd a
 * {@link io.warpdrive.driver.zstdlz4.ZstdCodec} with a reused compression and decompression
 * context, moving bytes between scatter-gather lists and zstd through a
 * {@link io.warpdrive.driver.zstdlz4.ZstdPipe}; for LZ4 an
 * {@link io.warpdrive.driver.zstdlz4.Lz4Codec}, lz4-java's block codecs inside the LZ4 frame
 * writer and decoder of {@code io.warpdrive.lib.format}, with an
 * {@link io.warpdrive.driver.zstdlz4.Lz4Pipe} for scatter-gather. A stream's jobs carry a
 * {@link io.warpdrive.driver.zstdlz4.ZstdStream} or {@link io.warpdrive.driver.zstdlz4.Lz4Stream}, both
 * {@link io.warpdrive.driver.zstdlz4.CodecStream}s.
 */
package io.warpdrive.driver.zstdlz4;
