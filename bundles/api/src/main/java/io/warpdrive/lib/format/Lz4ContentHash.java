package io.warpdrive.lib.format;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The XXH32 (seed 0) an LZ4 frame's content checksum is computed with, fed block by block,
 * as an {@link Lz4BlockEngine} offers it: {@link Xxh32} by default, a faster library's
 * where the driver has one. Offsets are absolute and positions are left alone; heap and
 * direct buffers alike. Not thread-safe.
 *
 * @since 1.3
 */
@ConsumerType
public interface Lz4ContentHash {

    /** Starts a new hash. */
    void reset();

    /** Adds {@code length} bytes of {@code buffer} from {@code offset}. */
    void update(ByteBuffer buffer, int offset, int length);

    /** The hash of everything added since the last {@link #reset}; the state is left as it is. */
    int digest();

    /**
     * The hash of {@code length} bytes of {@code buffer} from {@code offset} alone, in one call
     * (for content that is one block); the streaming state is untouched.
     */
    int hash(ByteBuffer buffer, int offset, int length);
}
