package io.warpdrive.driver.isal;

import io.warpdrive.driver.isal.igzip.Igzip;
import java.nio.ByteBuffer;

/**
 * The native address of the direct buffer a codec last worked on. Looking an address up
 * allocates (JNA returns it as an object), so it is done once per buffer: the platform
 * reuses a job slot's bounce buffers and callers reuse theirs. Keeps that one buffer
 * referenced until the next different one comes.
 */
final class AddressCache {
    private final Igzip igzip;
    private ByteBuffer last;
    private long base;

    AddressCache(Igzip igzip) {
        this.igzip = igzip;
    }

    /** The address of the buffer's byte at its position. */
    long at(ByteBuffer b) {
        if (b != last) {
            base = b.capacity() == 0 ? 0 : igzip.addressOf(b);
            last = b;
        }
        return base + b.position();
    }
}
