package io.warpdrive.comp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues reserved for one consumer ({@link Compressor#reserve}). Close it to give them
 * back; requests in flight on them complete first.
 */
@ProviderType
public interface Reservation extends AutoCloseable {

    Operation operation();

    /** Queues held now (fewer than granted if a device went away). */
    int queues();

    /** True if the queues are on hardware. */
    boolean isHardware();

    boolean isClosed();

    /** Releases the queues. Idempotent. */
    @Override
    void close();
}
