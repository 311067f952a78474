package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.JobChecks;
import io.warpdrive.lib.format.Lz4BlockEngine;
import io.warpdrive.lib.format.Lz4ContentHash;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 blocks through lz4-java (its JNI library where it loads, its Java code otherwise), at
 * the level chosen with {@link #level}: levels 1 and 2 are LZ4's fast compressor (as the
 * {@code lz4} tool, where both are the default speed), 3 to 12 its high-compression (HC)
 * compressor at that level. A compressor per level is made once and kept. Not thread-safe.
 */
final class Lz4Blocks implements Lz4BlockEngine {
    /** Where the compressors come from: the JNI library when it loads, else the fastest Java code. */
    static final LZ4Factory FACTORY = factory();
    private static final int FAST_LEVELS = 2;

    private final LZ4Compressor[] compressors = new LZ4Compressor[Algorithm.LZ4.maxLevel() + 1];
    private final LZ4SafeDecompressor decompressor = FACTORY.safeDecompressor();
    private LZ4Compressor compressor;
    /**
     * The last block did not fit its room: lz4-java says so with an exception, costly for every
     * block of incompressible data, so the next block is compressed into {@link #scratch} (room
     * for LZ4's bound) and copied when it fits, until one fits again.
     */
    private boolean lastDidNotFit;
    private ByteBuffer scratch = ByteBuffer.allocateDirect(0);

    /**
     * lz4-java's {@code fastestInstance()} tries its JNI library only when lz4-java was loaded by
     * the system class loader, so inside an OSGi framework it always gave the Java code (about
     * half the speed): ask for the JNI library here, and fall back where it does not load.
     */
    private static LZ4Factory factory() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (LinkageError | RuntimeException e) {
            return LZ4Factory.fastestJavaInstance();
        }
    }

    Lz4Blocks() {
        level(Algorithm.LZ4.defaultLevel());
    }

    /** @throws WdException INVALID_ARGUMENT for a level that is not LZ4's */
    void level(int level) {
        JobChecks.checkLevel(Algorithm.LZ4, level);
        LZ4Compressor c = compressors[level];
        if (c == null) {
            c = level <= FAST_LEVELS ? FACTORY.fastCompressor() : FACTORY.highCompressor(level);
            compressors[level] = c;
        }
        compressor = c;
    }

    @Override
    public int compress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        int bound = compressor.maxCompressedLength(length);
        if (room >= bound || !lastDidNotFit) {
            try {
                int n = compressor.compress(src, offset, length, dst, dstOffset, room);
                lastDidNotFit = false;
                return n;
            } catch (LZ4Exception e) {
                lastDidNotFit = true;
                return -1; // does not fit into room: the writer stores the block
            }
        }
        if (scratch.capacity() < bound) {
            scratch = ByteBuffer.allocateDirect(bound);
        }
        int n = compressor.compress(src, offset, length, scratch, 0, bound);
        if (n > room) {
            return -1;
        }
        dst.put(dstOffset, scratch, 0, n);
        lastDidNotFit = false;
        return n;
    }

    /** lz4-java's XXH32 for the frames' content checksums, the JNI one where it loads. */
    @Override
    public Lz4ContentHash contentHash() {
        return new Lz4JavaContentHash();
    }

    @Override
    public int decompress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
        try {
            return decompressor.decompress(src, offset, length, dst, dstOffset, room);
        } catch (LZ4Exception e) {
            throw new WdException(WdStatus.CORRUPT_INPUT, "malformed LZ4 block (" + e.getMessage() + ")");
        }
    }
}
