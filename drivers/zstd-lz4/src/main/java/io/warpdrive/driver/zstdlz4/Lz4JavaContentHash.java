package io.warpdrive.driver.zstdlz4;

import io.warpdrive.lib.format.Lz4ContentHash;
import java.nio.ByteBuffer;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * An LZ4 frame's content hash through lz4-java's XXH32 (its JNI library where it loads: about
 * four times the speed of the format library's Java {@code Xxh32}). A whole content in one
 * block is hashed in one call on any buffer; lz4-java streams arrays only, so streamed bytes
 * of a direct buffer go through a small array. Allocates nothing after construction. Not
 * thread-safe.
 */
final class Lz4JavaContentHash implements Lz4ContentHash {
    /** Where the hashes come from: the JNI library when it loads, else the fastest Java code (see Lz4Blocks). */
    static final XXHashFactory FACTORY = factory();
    private static final int CHUNK = 8 * 1024;

    private final XXHash32 oneCall = FACTORY.hash32();
    private final StreamingXXHash32 streaming = FACTORY.newStreamingHash32(0);
    private byte[] chunk;

    private static XXHashFactory factory() {
        try {
            return XXHashFactory.nativeInstance();
        } catch (LinkageError | RuntimeException e) {
            return XXHashFactory.fastestJavaInstance();
        }
    }

    @Override
    public void reset() {
        streaming.reset();
    }

    @Override
    public void update(ByteBuffer buffer, int offset, int length) {
        if (buffer.hasArray()) {
            streaming.update(buffer.array(), buffer.arrayOffset() + offset, length);
            return;
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        for (int end = offset + length; offset < end; offset += CHUNK) {
            int n = Math.min(CHUNK, end - offset);
            buffer.get(offset, chunk, 0, n);
            streaming.update(chunk, 0, n);
        }
    }

    @Override
    public int digest() {
        return streaming.getValue();
    }

    @Override
    public int hash(ByteBuffer buffer, int offset, int length) {
        return oneCall.hash(buffer, offset, length, 0);
    }
}
