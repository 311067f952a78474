package io.warpdrive.stats;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Streams that continue on another engine when their engine goes away, and the compressed input
 * decompression streams keep to resume: what an operator watches to size
 * {@code stream.resume.total.mb}.
 *
 * @since 1.5
 */
@ProviderType
public interface StreamContinuityUsage {

    /**
     * Times a stream continued on another engine: a compression stream moved, a decompression
     * stream resumed from its last resume point.
     */
    long moves();

    /** Bytes of compressed input that decompression streams keep now to resume (in whole chunks). */
    long keptInput();

    /** The most bytes that all decompression streams together keep ({@code stream.resume.total.mb}). */
    long keptInputLimit();

    /**
     * Times a decompression stream was refused more kept input because all streams' kept input
     * reached {@link #keptInputLimit}: until its next resume point that stream cannot resume on
     * another engine.
     */
    long keptInputRefusals();
}
