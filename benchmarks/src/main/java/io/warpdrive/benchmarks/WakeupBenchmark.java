package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.testing.platform.TestPlatform;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The sync caller's wake-up: a waiter starts a request and waits for it as a sync caller
 * does ({@code EngineRequest.awaitDone}); a completer thread posts the completion
 * ({@code markDone}, what a driver's completion ends in) as soon as it sees the request
 * started. The waiter's time per operation is the round trip: started, seen, posted, caller
 * running again.
 * <ul>
 * <li>{@code spin}: the caller spins (a request expected to finish within the spin
 * threshold): the round trip is two cache-line hand-overs.</li>
 * <li>{@code park}: the caller parks at once (a long request); the completer waits until the
 * waiter is asleep (parked, and 50 µs more), then posts, and the completion unparks it: the
 * round trip is 50 µs plus the operating system's wake-up of a parked thread.</li>
 * </ul>
 * Sample mode gives the distribution of the round trip. The one-way wake-up latency —
 * completion posted to caller running — is measured too: the completer notes the time just
 * before it posts, the waiter the time it runs again; its percentiles are printed at the end
 * of each trial ({@code wake-up latency ...}), and its median is the figure of interest.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WakeupBenchmark {
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PARK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long ASLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private TestPlatform platform;
    private Session session;
    private EngineRequest request;
    private volatile Thread waiter;
    private volatile boolean started;
    private volatile boolean waiting;
    private volatile long postedAt;
    /** One-way latencies of the measured trial (preallocated: recording allocates nothing). */
    private final long[] latencies = new long[1 << 22];
    private int recorded;

    @Setup
    public void setUp() {
        platform = TestPlatform.builder().build();
        session = platform.compressorFor("bench").openSession(SessionSpec.of(Algorithm.GZIP));
        request = (EngineRequest) session.newRequest();
    }

    @TearDown
    public void tearDown() throws Exception {
        session.close();
        platform.close();
        long[] sorted = java.util.Arrays.copyOf(latencies, recorded);
        java.util.Arrays.sort(sorted);
        if (sorted.length > 0) {
            System.out.printf("%nwake-up latency (completion posted to caller running), %d samples: p50 %.2f us,"
                    + " p90 %.2f us, p99 %.2f us%n", sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99));
        }
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1000.0;
    }

    @Benchmark
    @Group("spin")
    @GroupThreads(1)
    public long spinWaiter(Control control) {
        return await(control, SPIN_NANOS);
    }

    @Benchmark
    @Group("spin")
    @GroupThreads(1)
    public void spinCompleter(Control control) {
        complete(control, false);
    }

    @Benchmark
    @Group("park")
    @GroupThreads(1)
    public long parkWaiter(Control control) {
        return await(control, 0);
    }

    @Benchmark
    @Group("park")
    @GroupThreads(1)
    public void parkCompleter(Control control) {
        complete(control, true);
    }

    private long await(Control control, long spinNanos) {
        waiting = true;
        if (control.stopMeasurement) {
            waiting = false; // the completer may have left: start nothing it would have to finish
            return 0;
        }
        waiter = Thread.currentThread();
        request.begin(true, null);
        started = true;
        long spun = request.awaitDone(spinNanos, PARK_SLICE_NANOS, false);
        long latency = System.nanoTime() - postedAt;
        if (recorded < latencies.length) {
            latencies[recorded++] = latency;
        }
        waiting = false;
        return spun;
    }

    private void complete(Control control, boolean whenParked) {
        for (;;) {
            if (started) {
                if (whenParked) {
                    Thread w = waiter;
                    // The blocker and the thread state are set just before the thread sleeps in the
                    // kernel; a further 50 µs makes sure it does, so the post has to wake it.
                    while (LockSupport.getBlocker(w) != request || w.getState() != Thread.State.TIMED_WAITING) {
                        Thread.onSpinWait();
                    }
                    long asleep = System.nanoTime() + ASLEEP_NANOS;
                    while (System.nanoTime() - asleep < 0) {
                        Thread.onSpinWait();
                    }
                }
                started = false;
                postedAt = System.nanoTime();
                request.markDone();
                return;
            }
            if (control.stopMeasurement && !waiting) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
