package io.warpdrive.shell.bench;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.nio.ByteBuffer;

/**
 * What bench measures the platform against: the algorithm's library called directly on the same
 * packets and threads — java.util.zip for the deflate family, zstd-jni for zstd, lz4-java for LZ4.
 * One per thread.
 */
interface Baseline extends AutoCloseable {

    /** Processes one packet from {@code in} (position to limit) into {@code out}; returns output bytes. */
    int run(ByteBuffer in, ByteBuffer out) throws Exception;

    @Override
    void close();

    /** The library bench compares with, named in its progress and report. */
    static String library(Algorithm algorithm) {
        return algorithm == Algorithm.ZSTD ? "zstd-jni" : algorithm == Algorithm.LZ4 ? "lz4-java" : "java.util.zip";
    }

    static Baseline of(Algorithm algorithm, Operation operation, int level) {
        if (algorithm == Algorithm.ZSTD) {
            return new ZstdBaseline(operation, level);
        }
        if (algorithm == Algorithm.LZ4) {
            return new Lz4Baseline(operation, level);
        }
        if (!algorithm.isDeflateFamily()) {
            throw new IllegalArgumentException("bench has no baseline for " + algorithm.uadkName());
        }
        return new DirectCodec(algorithm, operation, level);
    }

    /** Compresses a packet with the library (to prepare decompression packets). */
    static byte[] compress(Algorithm algorithm, int level, byte[] data) {
        if (algorithm == Algorithm.ZSTD) {
            return ZstdBaseline.compress(level, data);
        }
        return algorithm == Algorithm.LZ4 ? Lz4Baseline.compress(level, data)
                : DirectCodec.compress(algorithm, level, data);
    }
}
