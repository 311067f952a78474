package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.lib.format.Xxh32;
import io.warpdrive.lib.format.Xxh64;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the content checksum of a zstd or LZ4 compression stream costs now that the platform hashes
 * the input too (so that it can end the frame itself if the stream moves to another engine): a
 * stream of 64 KiB requests through the zstd-lz4 driver with the frame's content checksum on (the
 * driver and the platform hash every byte) and off (neither does), phases alternating on one
 * platform; and the platform's hash alone (XXH64 for zstd, XXH32 for LZ4) over the same 64 KiB, the
 * share of a request it adds. Reads the process's CPU time per request: on a machine shared with
 * other builds the wall clock measures them too.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.FrameChecksumCost [KiB]
 * [requests per phase] [rounds] [zstd|lz4]} (defaults 64, 5000, 5, zstd), from the repository root.
 */
public final class FrameChecksumCost {
    private FrameChecksumCost() {
    }

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Algorithm algorithm = args.length > 3 ? Algorithm.valueOf(args[3].toUpperCase(Locale.ROOT)) : Algorithm.ZSTD;
        String[] phases = {"checksum off", "checksum on", "platform hash alone"};
        double[][] cpuNanos = new double[phases.length][rounds];
        try (StartedDriver<ZstdLz4Driver> driver = TestDrivers.zstdLz4();
                TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(driver.driver());
            // Requests walk through 8 MiB of text: the same 64 KiB again would be one long match for zstd.
            ByteBuffer input = BenchmarkData.text(8 << 20);
            ByteBuffer output = ByteBuffer.allocateDirect((int) algorithm.compressBound(kib * 1024) + 1024);
            for (int i = 0; i < phases.length; i++) { // warm-up, discarded
                phase(platform, algorithm, i, input, kib, output, requests);
            }
            for (int k = 0; k < rounds; k++) {
                for (int i = 0; i < phases.length; i++) {
                    cpuNanos[i][k] = phase(platform, algorithm, i, input, kib, output, requests);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s compression streams of %d x %d KiB requests (zstd-lz4 driver, default"
                + " level), %d rounds; process CPU time per request, median of the rounds:%n", algorithm.uadkName(),
                requests, kib, rounds);
        double off = VerifyCost.median(cpuNanos[0]);
        double on = VerifyCost.median(cpuNanos[1]);
        for (int i = 0; i < phases.length; i++) {
            double m = VerifyCost.median(cpuNanos[i]);
            System.out.printf(Locale.ROOT,
                    "  %-20s %8.1f us  (x%.3f of checksum off, %.1f %% of checksum on; rounds %s)%n", phases[i],
                    m / 1000, m / off, 100 * m / on,
                    Arrays.toString(Arrays.stream(cpuNanos[i]).map(v -> Math.round(v / 100) / 10.0).toArray()));
        }
    }

    /**
     * One stream of {@code requests} requests of {@code kib} KiB each, the input's next slice each
     * (phase 0: no checksum, 1: checksum), or the hash alone over the same slices (2).
     */
    private static double phase(TestPlatform platform, Algorithm algorithm, int phase, ByteBuffer input, int kib,
            ByteBuffer output, int requests) {
        int size = kib * 1024;
        int slices = input.capacity() / size;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (phase == 2) {
            Xxh64 xxh64 = new Xxh64();
            Xxh32 xxh32 = new Xxh32();
            long sink = 0;
            input.clear(); // absolute reads up to the capacity (a stream phase left a limit)
            long before = os.getProcessCpuTime();
            for (int i = 0; i < requests; i++) {
                int at = (i % slices) * size;
                if (algorithm == Algorithm.ZSTD) {
                    xxh64.update(input, at, size);
                } else {
                    xxh32.update(input, at, size);
                }
            }
            sink += xxh64.digest() + xxh32.digest();
            double nanos = (os.getProcessCpuTime() - before) / (double) requests;
            return sink == 42 ? nanos + 1e-9 : nanos; // the digest is used: the loop is not dead code
        }
        SessionSpec spec = SessionSpec.of(algorithm).withFrame(FrameOptions.DEFAULT.withContentChecksum(phase == 1));
        try (StreamSession s = platform.compressorFor("bench").openStream(Operation.COMPRESS, spec)) {
            Request r = s.newRequest();
            long before = os.getProcessCpuTime();
            for (int i = 0; i < requests; i++) {
                int at = (i % slices) * size;
                s.execute(r.source(input.limit(at + size).position(at)).destination(output.clear())
                        .flush(i == requests - 1 ? Flush.FINISH : Flush.NONE));
            }
            return (os.getProcessCpuTime() - before) / (double) requests;
        }
    }
}
