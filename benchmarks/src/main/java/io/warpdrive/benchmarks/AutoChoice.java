package io.warpdrive.benchmarks;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Which engine AUTO sends whole-file DEFLATE level 1 requests of one test file to, with isal and
 * soft both bound, against what each costs on that file in the same run. Each engine first serves
 * {@value #ROUNDS} rounds of {@value #PER_ROUND} requests that name it, back to back and
 * alternated: their median wall time is printed, with what each model predicts (CPU time for a CPU
 * engine). Then {@value #AUTO} AUTO requests print who served each.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.AutoChoice [FILE]</pre>
 *
 * FILE is a {@code TestFiles} name ({@code mixed} by default). Needs libisal.
 */
public final class AutoChoice {
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 6;
    private static final int AUTO = 6;
    private static final String[] ENGINES = { "isal", "soft" };

    private AutoChoice() {
    }

    public static void main(String[] args) throws Exception {
        String file = args.length > 0 ? args[0] : "mixed";
        byte[] data = TestFiles.file(file);
        try (StartedDriver<?> soft = TestDrivers.soft(); StartedDriver<?> isal = TestDrivers.isal();
                TestPlatform platform = TestPlatform.builder().build()) {
            platform.bind(soft.driver());
            platform.bind(isal.driver());
            Compressor compressor = platform.compressorFor("bench.auto-choice");
            long[][] nanos = new long[ENGINES.length][ROUNDS * PER_ROUND];
            for (int round = 0; round < ROUNDS; round++) {
                for (int e = 0; e < ENGINES.length; e++) {
                    for (int i = 0; i < PER_ROUND; i++) {
                        long start = System.nanoTime();
                        compress(compressor, data, ENGINES[e]);
                        nanos[e][round * PER_ROUND + i] = System.nanoTime() - start;
                    }
                }
            }
            for (int e = 0; e < ENGINES.length; e++) {
                long[] sorted = nanos[e].clone();
                Arrays.sort(sorted);
                System.out.printf("%s: median wall time %.1f ms over %d requests of %s (%d B); model %s%n", ENGINES[e],
                        sorted[sorted.length / 2] / 1e6, sorted.length, file, data.length,
                        predicted(platform, ENGINES[e], data.length));
            }
            for (int i = 0; i < AUTO; i++) {
                System.out.println("AUTO request " + i + ": served by " + compress(compressor, data, null));
            }
        }
    }

    /** One DEFLATE level 1 request of the whole input on the driver named (null: AUTO); who served it. */
    private static String compress(Compressor compressor, byte[] data, String driver) {
        SessionSpec spec = SessionSpec.of(Algorithm.DEFLATE).withLevel(1);
        try (Session s = compressor.openSession(driver == null ? spec : spec.withDriver(driver))) {
            ByteBuffer out = ByteBuffer.allocate((int) compressor.maxCompressedLength(Algorithm.DEFLATE, data.length));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data)).destination(out);
            s.execute(r);
            return r.servedBy();
        }
    }

    private static String predicted(TestPlatform platform, String driver, long bytes) {
        for (ModelInfo m : platform.platform().models()) {
            if (m.driver().equals(driver)) {
                return String.format("%.1f ms from %d samples",
                        m.predictNanos(Operation.COMPRESS, Algorithm.DEFLATE, 1, bytes, true) / 1e6,
                        m.samples(Operation.COMPRESS, Algorithm.DEFLATE, 1, bytes));
            }
        }
        return "none";
    }
}
