package io.warpdrive.shell.bench;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Completion;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.lib.QueueMode;
import io.warpdrive.sched.QueueView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bench}: the platform's throughput (sync, or async with a window of requests per
 * thread) and, in the same run on the same packets and threads, java.util.zip called
 * directly — printed in uadk_tool's layout, with the ratio of the two.
 */
public final class BenchRunner {
    /** Before the first slice of a run: JIT, caches, queues reach steady state. */
    private static final long WARMUP_MILLIS = 1000;
    /** Before each later slice: the threads get going again. */
    private static final long RAMP_MILLIS = 100;

    private final Compressor compressor;
    private final Supplier<List<String>> driverNames;
    private final Platform platform;
    private final Path home;

    /**
     * @param compressor the compressor the measured runs use (accounted as the benchmark's own)
     * @param driverNames the names of the drivers present, for --driver
     */
    public BenchRunner(Compressor compressor, Platform platform, Path home, Supplier<List<String>> driverNames) {
        this.compressor = compressor;
        this.driverNames = driverNames;
        this.platform = platform;
        this.home = home;
    }

    /** A measured loop body: one per thread, until stop is set, counting packets. */
    private interface Body {
        void run(AtomicBoolean stop, LongAdder packets) throws Exception;
    }

    /** @return the exit status */
    public int run(List<String> args, PrintStream out) throws IOException, InterruptedException {
        return run(args, out, null);
    }

    /**
     * As {@link #run(List, PrintStream)}, with a line per round on {@code progress} (null: none),
     * so a run of many seconds shows that it is alive. An interrupt (Ctrl-C in the shell) stops
     * the run: its threads end, the queue counts are restored, InterruptedException is thrown.
     *
     * @return the exit status
     */
    public int run(List<String> args, PrintStream out, PrintStream progress) throws IOException, InterruptedException {
        BenchOptions o = BenchOptions.parse(args);
        if (o.help) {
            out.println(BenchOptions.HELP);
            return 0;
        }
        List<String> present = driverNames.get();
        if (!"auto".equals(o.driver) && !present.contains(o.driver)) {
            throw new IllegalArgumentException("no driver named '" + o.driver + "' (present: "
                    + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
        }
        if (o.compare != null) {
            return compare(o, out);
        }
        BenchData data = BenchData.prepare(o, home);
        SessionSpec spec = SessionSpec.of(o.algorithm).withLevel(o.level).withFallback(FallbackPolicy.AUTO)
                .withDriver("auto".equals(o.driver) ? null : o.driver);
        if (!platform.awaitQueue(o.algorithm, o.operation, FallbackPolicy.AUTO, Duration.ofSeconds(10))) {
            throw new IllegalStateException("no driver serves " + o.algorithm.uadkName() + " "
                    + o.operation.name().toLowerCase());
        }
        awaitCalibration(progress);
        Map<String, Integer> restore = o.contexts > 0 ? setContexts(o) : Map.of();
        // The two runs alternate in slices so that both see the same machine: on a shared or
        // busy machine a run measured after the other would see different neighbours.
        long sliceMillis = Math.max(100, o.seconds * 1000L / o.rounds);
        RunResult platformRun = null;
        RunResult directRun = null;
        AtomicReference<String> served = new AtomicReference<>();
        Body platformBody = o.sync ? syncBody(spec, o, data, served) : asyncBody(spec, o, data, served);
        Body directBody = directBody(o, data);
        if (progress != null) {
            long total = 2 * (WARMUP_MILLIS + (o.rounds - 1) * RAMP_MILLIS + o.rounds * sliceMillis);
            progress.printf("bench: %d round%s of %.1f s for the platform and for " + Baseline.library(o.algorithm)
                    + " (about %d s)%n",
                    o.rounds, o.rounds == 1 ? "" : "s", sliceMillis / 1000.0, (total + 999) / 1000);
            progress.flush();
        }
        try {
            for (int round = 0; round < o.rounds; round++) {
                long warmup = round == 0 ? WARMUP_MILLIS : RAMP_MILLIS;
                RunResult p = measure(o.algorithm.uadkName(), o, platformBody, warmup, sliceMillis);
                RunResult d = measure("direct", o, directBody, warmup, sliceMillis);
                platformRun = platformRun == null ? p : platformRun.plus(p);
                directRun = directRun == null ? d : directRun.plus(d);
                if (progress != null) {
                    progress.printf("bench: round %d/%d: platform %.0f KiB/s, direct %.0f KiB/s%n", round + 1, o.rounds,
                            p.bytesPerSecond() / 1024, d.bytesPerSecond() / 1024);
                    progress.flush();
                }
            }
        } finally {
            for (Map.Entry<String, Integer> e : restore.entrySet()) {
                platform.setQueueCount(e.getKey(), null, QueueMode.SHARED, e.getValue());
            }
        }
        List<RunResult> results = List.of(platformRun, directRun);
        String servedBy = served.get();
        double ratio = results.get(0).bytesPerSecond() / results.get(1).bytesPerSecond();
        if (o.json) {
            BenchReport.json(out, o.echo(data.source), results, servedBy, ratio);
        } else {
            BenchReport.text(out, o.echo(data.source), results, servedBy, ratio);
        }
        return 0;
    }

    /**
     * {@code --compare}: auto and each named driver in alternating slices of one run (and
     * java.util.zip direct as the baseline), then each one's throughput and auto / the best driver.
     */
    private int compare(BenchOptions o, PrintStream out) throws IOException, InterruptedException {
        BenchData data = BenchData.prepare(o, home);
        if (!platform.awaitQueue(o.algorithm, o.operation, FallbackPolicy.AUTO, Duration.ofSeconds(10))) {
            throw new IllegalStateException("no driver serves " + o.algorithm.uadkName() + " "
                    + o.operation.name().toLowerCase());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String name : o.compare) {
            // Drivers register one after the other as their bundles start: wait for each, bounded.
            while (!"auto".equals(name) && count(name) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalArgumentException("--compare: no queue of driver '" + name + "' is open");
                }
                Thread.sleep(10);
            }
        }
        awaitCalibration(null);
        Map<String, Integer> restore = o.contexts > 0 ? setContexts(o) : Map.of();
        long sliceMillis = Math.max(100, o.seconds * 1000L / o.rounds);
        Map<String, LongAdder> autoServed = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> names = new ArrayList<>(o.compare);
        names.add("direct");
        List<Body> bodies = new ArrayList<>();
        for (String name : o.compare) {
            SessionSpec spec = SessionSpec.of(o.algorithm).withLevel(o.level).withFallback(FallbackPolicy.AUTO)
                    .withDriver("auto".equals(name) ? null : name);
            Map<String, LongAdder> counts = "auto".equals(name) ? autoServed : null;
            bodies.add(o.sync ? syncBody(spec, o, data, new AtomicReference<>(), counts)
                    : asyncBody(spec, o, data, new AtomicReference<>(), counts));
        }
        bodies.add(directBody(o, data));
        RunResult[] runs = new RunResult[names.size()];
        try {
            for (int round = 0; round < o.rounds; round++) {
                for (int i = 0; i < names.size(); i++) {
                    long warmup = round == 0 ? WARMUP_MILLIS : RAMP_MILLIS;
                    RunResult r = measure(names.get(i), o, bodies.get(i), warmup, sliceMillis);
                    runs[i] = runs[i] == null ? r : runs[i].plus(r);
                }
            }
        } finally {
            for (Map.Entry<String, Integer> e : restore.entrySet()) {
                platform.setQueueCount(e.getKey(), null, QueueMode.SHARED, e.getValue());
            }
        }
        RunResult auto = null;
        RunResult best = null;
        for (int i = 0; i < o.compare.size(); i++) {
            if ("auto".equals(names.get(i))) {
                auto = runs[i];
            } else if (best == null || runs[i].bytesPerSecond() > best.bytesPerSecond()) {
                best = runs[i];
            }
        }
        Map<String, Long> served = new java.util.TreeMap<>();
        autoServed.forEach((k, v) -> served.put(k, v.sum()));
        if (o.json) {
            BenchReport.compareJson(out, o.echo(data.source), List.of(runs), served, auto, best);
        } else {
            BenchReport.compareText(out, o.echo(data.source), List.of(runs), served, auto, best);
            for (String c : platform.crossovers()) {
                out.println("crossover: " + c);
            }
        }
        return 0;
    }

    /** How long a bench waits for the engine's calibration before its first slice. */
    static final Duration CALIBRATION_BOUND = Duration.ofSeconds(15);

    /** The first slice starts after the engine's calibration (bounded; a line says if it ran on). */
    private void awaitCalibration(PrintStream progress) throws InterruptedException {
        if (!platform.awaitCalibration(CALIBRATION_BOUND) && progress != null) {
            progress.println("bench: the engine's calibration still runs after " + CALIBRATION_BOUND.toSeconds()
                    + " s; measuring anyway (the first slice may be slower)");
            progress.flush();
        }
    }

    private RunResult measure(String name, BenchOptions o, Body body, long warmupMillis, long measuredMillis)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder packets = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < o.threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    body.run(stop, packets);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }, "bench-" + name + "-" + t);
            th.start();
            threads.add(th);
        }
        long done;
        long t0;
        long t1;
        long cpu0;
        long cpu1;
        try {
            Thread.sleep(warmupMillis); // not measured
            packets.reset();
            cpu0 = ProcessCpu.ticks();
            t0 = System.nanoTime();
            Thread.sleep(measuredMillis); // the measured window
            done = packets.sum();
            t1 = System.nanoTime();
            cpu1 = ProcessCpu.ticks();
        } finally {
            // Also when interrupted: no benchmark thread outlives the command.
            stop.set(true);
            joinAll(threads);
        }
        if (failure.get() != null) {
            Throwable f = failure.get();
            String why = f.getMessage() != null ? f.getMessage() : f.getClass().getSimpleName();
            throw new IllegalStateException("the " + name + " run failed: " + why, f);
        }
        double seconds = (t1 - t0) / 1e9;
        return new RunResult(name, done, done * o.packetLength, seconds, ProcessCpu.percent(cpu0, cpu1, seconds));
    }

    /** Joins every thread, also when interrupted meanwhile (the interrupt is kept for the caller). */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread th : threads) {
            while (th.isAlive()) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Body syncBody(SessionSpec spec, BenchOptions o, BenchData data, AtomicReference<String> served) {
        return syncBody(spec, o, data, served, null);
    }

    /** @param counts when not null, requests counted per driver that served them */
    private Body syncBody(SessionSpec spec, BenchOptions o, BenchData data, AtomicReference<String> served,
            Map<String, LongAdder> counts) {
        return (stop, packets) -> {
            try (Session s = compressor.openSession(spec)) {
                Request r = s.newRequest().operation(o.operation);
                ByteBuffer[] ins = data.inputsForThread();
                ByteBuffer out = ByteBuffer.allocateDirect(data.maxOutput);
                for (int i = 0; !stop.get(); i = (i + 1) % ins.length) {
                    ins[i].rewind();
                    out.clear();
                    s.execute(r.source(ins[i]).destination(out));
                    packets.increment();
                    if (counts != null) {
                        counts.computeIfAbsent(r.servedBy(), k -> new LongAdder()).increment();
                    }
                }
                served.compareAndSet(null, r.servedBy());
            }
        };
    }

    private Body asyncBody(SessionSpec spec, BenchOptions o, BenchData data, AtomicReference<String> served) {
        return asyncBody(spec, o, data, served, null);
    }

    private Body asyncBody(SessionSpec spec, BenchOptions o, BenchData data, AtomicReference<String> served,
            Map<String, LongAdder> counts) {
        return (stop, packets) -> {
            try (Session s = compressor.openSession(spec)) {
                ByteBuffer[] ins = data.inputsForThread();
                AtomicInteger inFlight = new AtomicInteger();
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Completion[] again = new Completion[1];
                again[0] = r -> {
                    if (r.error() != null) {
                        failed.compareAndSet(null, r.error());
                    } else {
                        packets.increment();
                        served.compareAndSet(null, r.servedBy());
                        if (counts != null) {
                            counts.computeIfAbsent(r.servedBy(), k -> new LongAdder()).increment();
                        }
                    }
                    if (stop.get() || failed.get() != null) {
                        inFlight.decrementAndGet();
                        return;
                    }
                    ((ByteBuffer) r.attachment()).rewind();
                    r.destination().get(0).clear();
                    s.submit(r, again[0]);
                };
                for (int w = 0; w < o.inflight; w++) {
                    ByteBuffer in = ins[w % ins.length].duplicate();
                    Request r = s.newRequest().operation(o.operation).source(in)
                            .destination(ByteBuffer.allocateDirect(data.maxOutput)).attach(in);
                    inFlight.incrementAndGet();
                    s.submit(r, again[0]);
                }
                long deadline = Long.MAX_VALUE;
                while (inFlight.get() > 0) {
                    if (stop.get() && deadline == Long.MAX_VALUE) {
                        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(inFlight.get() + " requests did not complete");
                    }
                    Thread.sleep(1); // waiting for the run to end, off the measured path
                }
                if (failed.get() != null) {
                    throw new IllegalStateException(failed.get().getMessage(), failed.get());
                }
            }
        };
    }

    private Body directBody(BenchOptions o, BenchData data) {
        return (stop, packets) -> {
            try (Baseline codec = Baseline.of(o.algorithm, o.operation, o.level)) {
                ByteBuffer[] ins = data.inputsForThread();
                ByteBuffer out = ByteBuffer.allocateDirect(data.maxOutput);
                for (int i = 0; !stop.get(); i = (i + 1) % ins.length) {
                    ins[i].rewind();
                    out.clear();
                    codec.run(ins[i], out);
                    packets.increment();
                }
            }
        };
    }

    /** Applies --ctxnum to the driver (or every driver under auto); returns the counts to restore. */
    private Map<String, Integer> setContexts(BenchOptions o) {
        Map<String, Integer> restore = new LinkedHashMap<>();
        QueueView view = platform.queues();
        for (int i = 0; i < view.size(); i++) {
            String d = view.get(i).driver();
            if (("auto".equals(o.driver) || d.equals(o.driver)) && !restore.containsKey(d)) {
                restore.put(d, platform.queueCount(d, view.get(i).device(), QueueMode.SHARED));
            }
        }
        for (String d : restore.keySet()) {
            platform.setQueueCount(d, null, QueueMode.SHARED, o.contexts);
        }
        awaitQueues(restore.keySet(), o.contexts);
        return restore;
    }

    private void awaitQueues(Iterable<String> drivers, int perDirection) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String d : drivers) {
            while (count(d) < perDirection * 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }

    private int count(String driver) {
        QueueView view = platform.queues();
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.get(i).driver().equals(driver) && view.get(i).reservedBy() < 0) {
                n++;
            }
        }
        return n;
    }
}
