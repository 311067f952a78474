/**
 * The soft driver: accelerator-like queues served by java.util.zip on CPU threads, the
 * lowest-priority driver and the fallback that is always there. Private to the bundle.
 *
 * <p>The codec layer: a worker thread owns one {@link io.warpdrive.driver.soft.SoftCodec}
 * with cached deflaters and inflaters for stateless jobs; a stream's jobs carry a
 * {@link io.warpdrive.driver.soft.SoftStream} with its own. Both run through
 * {@code FramedDeflater} and {@code FramedInflater}, which add the gzip and zlib framing
 * from {@code io.warpdrive.lib.format} around java.util.zip's deflate and walk
 * scatter-gather lists with {@code SgInput} and {@code OutputCursor}.
 */
package io.warpdrive.driver.soft;
