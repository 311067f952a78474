package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fallback question, measured: what do AUTO requests pay when the hardware is saturated,
 * compared with the CPU path alone? One run, phases alternating on the same platform:
 * <ul>
 * <li>{@code AUTO, hardware saturated}: the emulated device has fewer queue slots than there
 * are clients, and each request occupies its slot for longer than the CPU needs, so the
 * hardware is always full and the rest spills to the soft driver at once;</li>
 * <li>{@code SOFTWARE_ONLY}: the same clients on the CPU path alone.</li>
 * </ul>
 * Prints p50/p99/max latency per phase (under AUTO also for the requests served by the CPU
 * and by the hardware apart) and the share served by hardware. The emulated device computes
 * on a thread of the same two cores, which real hardware would not: its requests compete
 * with the clients for CPU here.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.SaturationLatency
 * [clients] [seconds per phase] [rounds]} (defaults 3, 3, 3), from the repository root.
 */
public final class SaturationLatency {
    private static final int PACKET = 16 * 1024;
    /** Per client and phase: enough room that recording never allocates. */
    private static final int MAX_SAMPLES = 1 << 20;

    private SaturationLatency() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // One hardware queue per direction that holds one request at a time (a ring of depth 2
        // keeps one slot free): with more clients than that the hardware is always full.
        // Resources close in reverse: the platform releases its queues before the drivers stop.
        try (StartedDriver<SoftDriver> soft = TestDrivers.soft();
                StartedDriver<UacceDriver> hw = TestDrivers.emulatedHisiZip(1,
                        "api=hisi_qm_v3;depth=2;zlib_level=1", Map.of());
                TestPlatform platform = TestPlatform.builder().queuesPerDevice(1).build()) {
            platform.bind(soft.driver());
            platform.bind(hw.driver());
            if (!platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.HARDWARE_ONLY,
                    Duration.ofSeconds(10))) {
                throw new IllegalStateException("no hardware queue: " + platform.describe());
            }
            Phase auto = new Phase("AUTO, hardware saturated", FallbackPolicy.AUTO, clients);
            Phase cpu = new Phase("SOFTWARE_ONLY (CPU path alone)", FallbackPolicy.SOFTWARE_ONLY, clients);
            auto.run(platform, 1); // warm-up, discarded
            cpu.run(platform, 1);
            auto.reset();
            cpu.reset();
            for (int r = 0; r < rounds; r++) {
                auto.run(platform, seconds);
                cpu.run(platform, seconds);
            }
            System.out.printf(Locale.ROOT, "%d clients, %d KiB gzip level 1 sync requests, %d x %d s per phase%n",
                    clients, PACKET / 1024, rounds, seconds);
            auto.report();
            cpu.report();
            System.out.printf(Locale.ROOT, "served by hardware under AUTO: %.1f%%%n", 100.0 * auto.hardware
                    / Math.max(1, auto.merged(-1).length));
            System.out.printf(Locale.ROOT, "AUTO p99 / CPU-alone p99: %.2f%n", auto.quantile(0.99) / cpu.quantile(0.99));
        }
    }

    /** One kind of client, measured over several slices. */
    private static final class Phase {
        final String name;
        final FallbackPolicy fallback;
        final long[][] samples;
        final int[] counts;
        long hardware;

        Phase(String name, FallbackPolicy fallback, int clients) {
            this.name = name;
            this.fallback = fallback;
            this.samples = new long[clients][MAX_SAMPLES];
            this.counts = new int[clients];
        }

        void reset() {
            Arrays.fill(counts, 0);
            hardware = 0;
        }

        void run(TestPlatform platform, int seconds) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(samples.length);
            long[] byHardware = new long[samples.length];
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < samples.length; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try (Session s = platform.compressorFor("client-" + client)
                            .openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1).withFallback(fallback))) {
                        ByteBuffer in = BenchmarkData.text(PACKET);
                        ByteBuffer out = ByteBuffer.allocateDirect(PACKET * 2);
                        Request r = s.newRequest().operation(Operation.COMPRESS).source(in).destination(out);
                        while (!stop.get()) {
                            in.rewind();
                            out.clear();
                            long t0 = System.nanoTime();
                            s.execute(r);
                            long latency = System.nanoTime() - t0;
                            boolean onHardware = r.servedByHardware();
                            if (counts[client] < MAX_SAMPLES) {
                                // the lowest bit says where it was served (1 ns of resolution lost)
                                samples[client][counts[client]++] = (latency & ~1L) | (onHardware ? 1 : 0);
                            }
                            if (onHardware) {
                                byHardware[client]++;
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "client-" + c);
                t.start();
                threads.add(t);
            }
            TimeUnit.SECONDS.sleep(seconds); // the measured slice (a benchmark, not a test)
            stop.set(true);
            done.await();
            for (long n : byHardware) {
                hardware += n;
            }
        }

        double quantile(double q) {
            return quantile(merged(-1), q);
        }

        private static double quantile(long[] sorted, double q) {
            return sorted.length == 0 ? 0
                    : sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1000.0;
        }

        /** Every sample (where -1), or those served by the CPU (0) or the hardware (1), sorted. */
        private long[] merged(int where) {
            int n = 0;
            for (int c = 0; c < samples.length; c++) {
                for (int i = 0; i < counts[c]; i++) {
                    if (where < 0 || (samples[c][i] & 1) == where) {
                        n++;
                    }
                }
            }
            long[] all = new long[n];
            int at = 0;
            for (int c = 0; c < samples.length; c++) {
                for (int i = 0; i < counts[c]; i++) {
                    if (where < 0 || (samples[c][i] & 1) == where) {
                        all[at++] = samples[c][i];
                    }
                }
            }
            Arrays.sort(all);
            return all;
        }

        void report() {
            line(name, merged(-1));
            if (hardware > 0) {
                line("  of which served by the CPU", merged(0));
                line("  of which served by hardware", merged(1));
            }
        }

        private void line(String label, long[] sorted) {
            System.out.printf(Locale.ROOT, "%-32s %8d requests  p50 %8.1f us  p99 %8.1f us  max %9.1f us%n", label,
                    sorted.length, quantile(sorted, 0.50), quantile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        }
    }
}
