package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.health.VerifyShares;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What compress-and-verify costs: sync HARDWARE_ONLY gzip compressions on an emulated hisi_zip
 * device with verification off, at the default share and at 100 %, phases alternating on one
 * platform. Reads the process's CPU time per request (the caller, the poller that verifies, the
 * emulated device's thread): on a machine shared with other builds the wall clock measures them too.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.VerifyCost [KiB] [requests
 * per phase] [rounds] [gzip|zstd|lz4|gzip-stream|zlib-stream|deflate-stream]} (defaults 64, 2000, 5, gzip),
 * from the repository root. For zstd and LZ4 the zstd-lz4 driver is started too: its libraries decompress
 * what is verified. A {@code -stream} kind sends the requests as compression streams of
 * {@value #PIECES} pieces of KiB each (a sync flush after each, the last one finishing): the share is
 * drawn per stream when it starts, and a verified stream inflates every piece with its own inflater.
 */
public final class VerifyCost {
    /** Requests per stream of a {@code -stream} kind. */
    static final int PIECES = 16;

    private VerifyCost() {
    }

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String kind = args.length > 3 ? args[3].toUpperCase(Locale.ROOT) : "GZIP";
        boolean streams = kind.endsWith("-STREAM");
        Algorithm algorithm = Algorithm.valueOf(streams ? kind.substring(0, kind.length() - "-STREAM".length()) : kind);
        double[] shares = {0, VerifyShares.DEFAULT_PERCENT, 100};
        double[][] cpuNanos = new double[shares.length][rounds];
        try (StartedDriver<UacceDriver> hw = TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;zlib_level=1", Map.of());
                TestPlatform platform = TestPlatform.builder().build();
                StartedDriver<ZstdLz4Driver> decoder = algorithm == Algorithm.ZSTD || algorithm == Algorithm.LZ4
                        ? TestDrivers.zstdLz4() : null) {
            platform.bind(hw.driver());
            if (decoder != null) {
                platform.bind(decoder.driver());
            }
            if (!platform.platform().awaitQueue(algorithm, Operation.COMPRESS, FallbackPolicy.HARDWARE_ONLY,
                    Duration.ofSeconds(10))) {
                throw new IllegalStateException("no hardware queue: " + platform.describe());
            }
            ByteBuffer input = BenchmarkData.text(kib * 1024);
            ByteBuffer output = ByteBuffer.allocateDirect(kib * 1024 * 2 + 1024);
            SessionSpec spec = SessionSpec.of(algorithm).withLevel(1).withFallback(FallbackPolicy.HARDWARE_ONLY);
            try (Session s = platform.compressorFor("bench").openSession(spec)) {
                Request r = s.newRequest().operation(Operation.COMPRESS);
                for (int i = 0; i < shares.length; i++) { // warm-up, discarded
                    phase(platform, s, r, spec, streams, input, output, shares[i], requests);
                }
                for (int k = 0; k < rounds; k++) {
                    for (int i = 0; i < shares.length; i++) {
                        cpuNanos[i][k] = phase(platform, s, r, spec, streams, input, output, shares[i], requests);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d KiB %s level 1 sync HARDWARE_ONLY compressions%s, emulated hisi_zip, "
                + "%d x %d per share; process CPU time per request, median of the rounds:%n", kib, algorithm.uadkName(),
                streams ? " in streams of " + PIECES : "", rounds, requests);
        double off = median(cpuNanos[0]);
        for (int i = 0; i < shares.length; i++) {
            double m = median(cpuNanos[i]);
            System.out.printf(Locale.ROOT, "  verify %5.1f %%: %8.1f us  (x%.3f of verify off; rounds %s)%n", shares[i],
                    m / 1000, m / off, Arrays.toString(Arrays.stream(cpuNanos[i]).map(v -> Math.round(v / 100) / 10.0)
                            .toArray()));
        }
    }

    private static double phase(TestPlatform platform, Session s, Request r, SessionSpec spec, boolean streams,
            ByteBuffer input, ByteBuffer output, double percent, int requests) {
        platform.engine().verification().shares(VerifyShares.all(percent));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        if (streams) {
            for (int done = 0; done < requests; done += PIECES) {
                try (StreamSession st = platform.compressorFor("bench").openStream(Operation.COMPRESS, spec)) {
                    Request piece = st.newRequest();
                    for (int i = 0; i < PIECES; i++) {
                        st.execute(piece.source(input.clear()).destination(output.clear())
                                .flush(i == PIECES - 1 ? Flush.FINISH : Flush.NONE));
                    }
                }
            }
        } else {
            for (int i = 0; i < requests; i++) {
                s.execute(r.source(input.clear()).destination(output.clear()));
            }
        }
        return (os.getProcessCpuTime() - before) / (double) requests;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
