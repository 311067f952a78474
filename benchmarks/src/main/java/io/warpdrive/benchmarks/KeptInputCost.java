package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.driver.isal.IsalDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What it costs that streams can move to another engine: a gzip decompression stream keeping its
 * compressed input since its last resume point ({@code stream.resume.input.mb} 16 against 0), and a
 * gzip compression stream whose output goes through the platform's held output ({@code
 * stream.hold.output} on against off), on isal, in requests of 4 KiB and 64 KiB. The compression
 * caller gives output space the size of its input piece (less than the deflate bound: the case held
 * output serves). Phases alternate on one platform, reconfigured between them; each phase opens a
 * new stream and feeds it the whole data. Reads the process's CPU time, the CPU time of the Java
 * threads and the bytes they allocated, per request (a request: one call of {@code process}).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.KeptInputCost [MiB of
 * text] [rounds] [streams per phase]} (defaults 8, 5, 16), from the repository root.
 */
public final class KeptInputCost {
    private KeptInputCost() {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One phase's figures. */
    private record Cost(double cpuNanos, double threadNanos, double allocatedBytes) {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int[] pieces = {4 << 10, 64 << 10};
        ByteBuffer text = BenchmarkData.text(mib << 20);
        try (StartedDriver<IsalDriver> isal = TestDrivers.isal(); TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(isal.driver());
            if (!platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                    Duration.ofSeconds(20))) {
                throw new IllegalStateException("no isal queue: " + platform.describe());
            }
            Compressor compressor = platform.compressorFor("bench.kept");
            ByteBuffer gzip = compressAll(compressor, text);
            // [piece][decompress off, on, compress off, on][round]
            Cost[][][] costs = new Cost[pieces.length][4][rounds];
            for (int k = -1; k < rounds; k++) { // round -1: warm-up, discarded
                for (int p = 0; p < pieces.length; p++) {
                    for (int on = 0; on < 2; on++) {
                        platform.engine().reconfigure(settings(on == 1, true));
                        Cost d = decompress(compressor, gzip, text.capacity(), pieces[p], repeats);
                        platform.engine().reconfigure(settings(true, on == 1));
                        Cost c = compress(compressor, text, pieces[p], repeats);
                        if (k >= 0) {
                            costs[p][on][k] = d;
                            costs[p][2 + on][k] = c;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%d MiB of text (gzip %d bytes) through %d isal gzip streams per phase, %d"
                    + " rounds alternating; process CPU time and bytes allocated by all threads per request, medians:%n",
                    mib, gzip.remaining(), repeats, rounds);
            String[] names = {"decompress, stream.resume.input.mb 0 ", "decompress, stream.resume.input.mb 16",
                "compress,   stream.hold.output off   ", "compress,   stream.hold.output on    "};
            for (int p = 0; p < pieces.length; p++) {
                for (int i = 0; i < 4; i++) {
                    Cost off = median(costs[p][i & ~1]);
                    Cost m = median(costs[p][i]);
                    System.out.printf(Locale.ROOT, "  %2d KiB %s: process %7.2f us CPU (x%.3f), threads %7.2f us CPU"
                            + " (x%.3f), %7.0f bytes allocated (%+.0f); threads' CPU rounds %s%n", pieces[p] >> 10,
                            names[i], m.cpuNanos / 1000, m.cpuNanos / off.cpuNanos, m.threadNanos / 1000,
                            m.threadNanos / off.threadNanos, m.allocatedBytes, m.allocatedBytes - off.allocatedBytes,
                            Arrays.toString(Arrays.stream(costs[p][i]).mapToDouble(c -> Math.round(c.threadNanos / 10)
                                    / 100.0).toArray()));
                }
            }
        }
    }

    private static Settings settings(boolean resume, boolean hold) {
        Settings.Builder b = new Settings.Builder();
        b.streamResumeInputLimit = resume ? 16L << 20 : 0;
        b.streamHoldOutput = hold;
        return b.build();
    }

    /** The whole text as one gzip member, through a stream with ample output space. */
    private static ByteBuffer compressAll(Compressor compressor, ByteBuffer text) {
        ByteBuffer out = ByteBuffer.allocate(text.capacity() + (1 << 20));
        try (StreamSession s = compressor.openStream(Operation.COMPRESS, spec())) {
            ByteBuffer src = text.duplicate().clear();
            while (!s.isFinished()) {
                s.process(src, out, Flush.FINISH);
            }
        }
        return out.flip();
    }

    private static SessionSpec spec() {
        return SessionSpec.of(Algorithm.GZIP).withLevel(1).withFallback(FallbackPolicy.SOFTWARE_ONLY).withDriver("isal");
    }

    /** Compressed input in pieces of {@code piece} bytes into output space that takes a whole piece's output. */
    private static Cost decompress(Compressor compressor, ByteBuffer gzip, int length, int piece, int repeats) {
        ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        long requests = 0;
        long[] before = measure();
        for (int i = 0; i < repeats; i++) {
            requests += decompressOnce(compressor, gzip, length, piece, out);
        }
        return since(before, requests);
    }

    private static long decompressOnce(Compressor compressor, ByteBuffer gzip, int length, int piece, ByteBuffer out) {
        ByteBuffer src = gzip.duplicate();
        long requests = 0;
        long delivered = 0;
        try (StreamSession s = compressor.openStream(Operation.DECOMPRESS, spec())) {
            while (!s.isFinished()) {
                int end = Math.min(gzip.limit(), src.position() + piece);
                ByteBuffer in = src.duplicate().limit(end);
                out.clear();
                delivered += s.process(in, out, Flush.NONE);
                src.position(in.position());
                requests++;
            }
        }
        if (delivered != length) {
            throw new IllegalStateException("decompressed " + delivered + " bytes of " + length);
        }
        return requests;
    }

    /** Input in pieces of {@code piece} bytes, each into output space of {@code piece} bytes; then FINISH. */
    private static Cost compress(Compressor compressor, ByteBuffer text, int piece, int repeats) {
        ByteBuffer out = ByteBuffer.allocateDirect(piece);
        long requests = 0;
        long[] before = measure();
        for (int i = 0; i < repeats; i++) {
            requests += compressOnce(compressor, text, piece, out);
        }
        return since(before, requests);
    }

    private static long compressOnce(Compressor compressor, ByteBuffer text, int piece, ByteBuffer out) {
        ByteBuffer src = text.duplicate().clear();
        long requests = 0;
        try (StreamSession s = compressor.openStream(Operation.COMPRESS, spec())) {
            while (src.hasRemaining()) {
                ByteBuffer in = src.duplicate().limit(Math.min(src.limit(), src.position() + piece));
                out.clear();
                s.process(in, out, Flush.NONE);
                src.position(in.position());
                requests++;
            }
            while (!s.isFinished()) {
                out.clear();
                s.process(src, out, Flush.FINISH);
                requests++;
            }
        }
        return requests;
    }

    /**
     * {process CPU ns, CPU ns of all live Java threads, bytes they allocated}. The process's CPU time
     * includes the collector's but counts in clock ticks; the threads' is exact.
     */
    private static long[] measure() {
        long[] ids = THREADS.getAllThreadIds();
        return new long[] {OS.getProcessCpuTime(), sum(THREADS.getThreadCpuTime(ids)),
            sum(THREADS.getThreadAllocatedBytes(ids))};
    }

    private static Cost since(long[] before, long requests) {
        long[] now = measure();
        return new Cost((now[0] - before[0]) / (double) requests, (now[1] - before[1]) / (double) requests,
                (now[2] - before[2]) / (double) requests);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += Math.max(0, v);
        }
        return sum;
    }

    private static Cost median(Cost[] costs) {
        double[] cpu = Arrays.stream(costs).mapToDouble(Cost::cpuNanos).sorted().toArray();
        double[] threads = Arrays.stream(costs).mapToDouble(Cost::threadNanos).sorted().toArray();
        double[] bytes = Arrays.stream(costs).mapToDouble(Cost::allocatedBytes).sorted().toArray();
        return new Cost(cpu[cpu.length / 2], threads[threads.length / 2], bytes[bytes.length / 2]);
    }
}
