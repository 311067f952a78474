/**
 * Stream continuity (bundle-private): what lets a stream continue on another engine when its
 * engine goes away, and compress-and-verify of a stream's output. A stream session holds one
 * {@link io.warpdrive.core.engine.stream.StreamContinuity}; the rest of this package serves it.
 */
package io.warpdrive.core.engine.stream;
