package io.warpdrive.stats;

import org.osgi.annotation.versioning.ProviderType;

/** Requests and bytes. */
@ProviderType
public interface Counts {
    long requests();

    /** Input bytes consumed. */
    long bytesIn();

    /** Output bytes produced. */
    long bytesOut();
}
