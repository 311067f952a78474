/**
 * The zstd-lz4 driver: accelerator-like queues served on CPU threads by zstd-jni, a bundle of
 * its own that carries the native zstd library. Private to the bundle.
 *
 * <p>A worker thread owns one {@link io.warpdrive.driver.zstdlz4.ZstdCodec} with a reused
 * compression and decompression context for stateless jobs; a stream's jobs carry a
 * {@link io.warpdrive.driver.zstdlz4.ZstdStream} with its own. Both move bytes between
 * scatter-gather lists and zstd through a {@link io.warpdrive.driver.zstdlz4.ZstdPipe}.
 */
package io.warpdrive.driver.zstdlz4;
