package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * An LZ4 frame's content checksum as the writer and the decoder compute it, through the
 * engine's {@link Lz4ContentHash}: content that is all in one block (a stateless frame of one
 * block with a declared size) is hashed in one call, which a library can do on direct buffers
 * too, and anything else is streamed.
 */
final class ContentChecksum {
    private final Lz4ContentHash hash;
    private long contentSize;
    private long added;
    private boolean whole;
    private int wholeDigest;

    ContentChecksum(Lz4ContentHash hash) {
        this.hash = hash;
    }

    /** Starts a frame of {@code contentSize} bytes of content, or -1 when its size is not declared. */
    void start(long contentSize) {
        this.contentSize = contentSize;
        added = 0;
        whole = false;
        hash.reset();
    }

    void add(ByteBuffer buffer, int offset, int length) {
        if (added == 0 && length == contentSize) {
            wholeDigest = hash.hash(buffer, offset, length);
            whole = true;
        } else {
            hash.update(buffer, offset, length);
        }
        added += length;
    }

    int value() {
        return whole ? wholeDigest : hash.digest();
    }
}
