/**
 * wd_comp: the compression service a consumer bundle uses.
 *
 * <p>A consumer gets a {@link io.warpdrive.comp.Compressor} (bundle scope: the platform
 * knows who is asking), opens a {@link io.warpdrive.comp.Session} for stateless
 * requests or a {@link io.warpdrive.comp.StreamSession} for streams, and executes
 * {@link io.warpdrive.comp.Request}s synchronously or submits them asynchronously.
 * Which accelerator serves a request, and whether one is free, is the platform's
 * business: the {@link io.warpdrive.comp.FallbackPolicy} says what the caller accepts.
 *
 * <p>Since 1.3 a reservation may wait for an instance
 * ({@link io.warpdrive.comp.Compressor#reserve(io.warpdrive.comp.Operation, int, io.warpdrive.comp.FallbackPolicy, java.time.Duration)}).
 * Since 1.4 a request may declare its work ({@link io.warpdrive.comp.Request#declaredWork(long)}),
 * which policies that share queues by work count instead of its input bytes.
 */
@Export
@Version("1.5.0")
package io.warpdrive.comp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
