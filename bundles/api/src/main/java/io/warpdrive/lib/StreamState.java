package io.warpdrive.lib;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stream's state as its driver keeps it (history window, partial header, checksums).
 * It travels with each job of the stream; the platform guarantees one job of a stream
 * in flight at a time and closes the state when the stream is closed or reset.
 */
@ConsumerType
public interface StreamState extends AutoCloseable {

    /** Releases the state's resources. Idempotent; may be called after the driver has stopped. */
    @Override
    void close();
}
