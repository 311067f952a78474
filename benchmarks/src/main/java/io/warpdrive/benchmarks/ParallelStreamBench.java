package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.ParallelCompression;
import io.warpdrive.driver.isal.IsalDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import io.warpdrive.testing.data.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One large gzip stream through the isal driver (its default workers: one per core),
 * serial against parallel ({@link ParallelCompression#onEngines}), in alternating rounds on
 * the same data: wall time, the process's CPU time and the output size of each, and the CPU
 * time of the writing thread and of the driver's workers (where the pieces' cost goes). On a
 * machine shared with other work read the CPU time and the ratio; the wall time counts the
 * others too. With two workers, the best wall time two idle cores could give is bounded by
 * half the total CPU time and by the busiest thread's: the "bound" printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.warpdrive.benchmarks.ParallelStreamBench [FILE|-] [LEVEL] [ENGINES] [ROUNDS] [PIECE_KIB [IN_FLIGHT]]</pre>
 */
public final class ParallelStreamBench {
    private ParallelStreamBench() {
    }

    /** Counts what it is given and drops it. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] data = args.length > 0 && !args[0].equals("-") ? Files.readAllBytes(Path.of(args[0]))
                : TestFiles.sample("text", 64 << 20);
        int level = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int engines = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        SessionSpec spec = SessionSpec.of(Algorithm.GZIP).withLevel(level).withFallback(FallbackPolicy.SOFTWARE_ONLY)
                .withDriver("isal");
        ParallelCompression parallel = args.length > 4
                ? ParallelCompression.of(Integer.parseInt(args[4]) << 10,
                        args.length > 5 ? Integer.parseInt(args[5]) : 2 * engines)
                : ParallelCompression.onEngines(engines);
        try (StartedDriver<IsalDriver> isal = TestDrivers.isal();
                TestPlatform platform = TestPlatform.builder().queuesPerDevice(2 * engines).build()) {
            platform.bind(isal.driver());
            platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                    Duration.ofSeconds(20));
            Compressor compressor = platform.compressorFor("bench.parallel");
            run(compressor, spec, null, data); // warm-up
            run(compressor, spec, parallel, data);
            long[][] serial = new long[rounds][];
            long[][] pieces = new long[rounds][];
            Map<String, Long> serialThreads = new TreeMap<>();
            Map<String, Long> parallelThreads = new TreeMap<>();
            for (int r = 0; r < rounds; r++) {
                Map<Long, Long> before = threadCpu();
                serial[r] = run(compressor, spec, null, data);
                addThreadCpu(serialThreads, before);
                before = threadCpu();
                pieces[r] = run(compressor, spec, parallel, data);
                addThreadCpu(parallelThreads, before);
            }
            System.out.printf("%d MB of %s, gzip level %d on isal, %d rounds alternating; medians:%n",
                    data.length >> 20, args.length > 0 ? args[0] : "generated text", level, rounds);
            report("serial stream", serial, data.length);
            report("parallel, " + parallel, pieces, data.length);
            reportThreads("serial stream", serialThreads, rounds);
            reportThreads("parallel", parallelThreads, rounds);
            System.out.printf("parallel / serial: wall %.2fx faster, CPU %.2fx, output %+.3f %%%n",
                    median(serial, 0) / (double) median(pieces, 0), median(pieces, 1) / (double) median(serial, 1),
                    100.0 * (pieces[0][2] - serial[0][2]) / serial[0][2]);
        }
    }

    /** {wall ns, process CPU ns, output bytes}. */
    private static long[] run(Compressor compressor, SessionSpec spec, ParallelCompression parallel, byte[] data)
            throws IOException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Counting sink = new Counting();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (CompressorOutputStream out = parallel == null ? new CompressorOutputStream(sink, compressor, spec, 1 << 20)
                : new CompressorOutputStream(sink, compressor, spec, parallel)) {
            for (int at = 0; at < data.length; at += 1 << 20) {
                out.write(data, at, Math.min(1 << 20, data.length - at));
            }
        }
        return new long[] {System.nanoTime() - start, os.getProcessCpuTime() - cpu, sink.bytes};
    }

    /** CPU time of every live thread, by id. */
    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    /** Adds each thread's CPU time since {@code before} to its name's. */
    private static void addThreadCpu(Map<String, Long> groups, Map<Long, Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            long spent = now - before.getOrDefault(id, 0L);
            if (spent > 0) {
                groups.merge(info.getThreadName(), spent, Long::sum);
            }
        }
    }

    private static void reportThreads(String what, Map<String, Long> groups, int rounds) {
        long total = groups.values().stream().mapToLong(Long::longValue).sum();
        long busiest = groups.values().stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder line = new StringBuilder(String.format("  %-14s threads' CPU per round %6.1f ms:", what,
                total / 1e6 / rounds));
        groups.forEach((name, ns) -> line.append(String.format(" %s %.1f", name, ns / 1e6 / rounds)));
        System.out.println(line);
        System.out.printf("  %-14s two idle cores: at best %.1f ms a round (half the CPU, or the busiest thread's)%n",
                what, Math.max(total / 2, busiest) / 1e6 / rounds);
    }

    private static long median(long[][] runs, int field) {
        long[] v = Arrays.stream(runs).mapToLong(r -> r[field]).sorted().toArray();
        return v[v.length / 2];
    }

    private static void report(String what, long[][] runs, int bytes) {
        long wall = median(runs, 0);
        System.out.printf("  %-40s wall %7.1f ms (%6.1f MB/s)  CPU %7.1f ms  output %d bytes (%.2f %%)%n", what,
                wall / 1e6, bytes / (wall / 1e9) / 1e6, median(runs, 1) / 1e6, runs[0][2], 100.0 * runs[0][2] / bytes);
    }
}
