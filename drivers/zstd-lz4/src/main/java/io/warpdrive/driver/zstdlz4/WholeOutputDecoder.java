package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Decompresses whole zstd and LZ4 outputs on the calling thread with this driver's codec (zstd-jni,
 * lz4-java), for the platform's compress-and-verify ({@link io.warpdrive.lib.OutputDecoder}): the
 * same stateless decompression its workers run. Codecs hold zstd's native contexts, so they are
 * pooled, not kept per thread, and freed when the driver stops.
 */
final class WholeOutputDecoder {
    private final ConcurrentLinkedQueue<ZstdLz4Codec> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** As {@link io.warpdrive.lib.OutputDecoder#decode}. */
    int decode(Algorithm algorithm, byte[] src, int offset, int length, byte[] dst) {
        ZstdLz4Codec codec = idle.poll();
        if (codec == null) {
            codec = new ZstdLz4Codec();
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(dst);
            codec.execute(new WholeJob(algorithm, SgList.of(ByteBuffer.wrap(src, offset, length)), SgList.of(out)));
            return out.position();
        } finally {
            idle.offer(codec);
            if (closed) {
                close(); // stopped meanwhile: this codec is freed too
            }
        }
    }

    /** Frees the pooled codecs' native contexts. */
    void close() {
        closed = true;
        for (ZstdLz4Codec c; (c = idle.poll()) != null;) {
            c.close();
        }
    }

    /** One stateless decompression of all of a buffer into another. */
    private record WholeJob(Algorithm algorithm, SgList source, SgList destination) implements Job {
        @Override
        public int tag() {
            return 0;
        }

        @Override
        public Operation operation() {
            return Operation.DECOMPRESS;
        }

        @Override
        public int level() {
            return 0;
        }

        @Override
        public WindowSize window() {
            return WindowSize.W32K;
        }

        @Override
        public Flush flush() {
            return Flush.FINISH;
        }

        @Override
        public StreamState stream() {
            return null;
        }

        @Override
        public long outputLimit() {
            return destination.remaining();
        }

        @Override
        public void addCpuTime(long nanos) {
            // nobody accounts for it: the verification's cost is the platform's
        }

        @Override
        public void complete(boolean endOfStream) {
            // the codec returns or throws: nothing completes a job of this kind
        }

        @Override
        public void fail(WdStatus status, String detail) {
            // as complete
        }
    }
}
