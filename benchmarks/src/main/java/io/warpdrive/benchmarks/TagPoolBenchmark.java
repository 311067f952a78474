package io.warpdrive.benchmarks;

import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.JobSlot;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import io.warpdrive.testing.platform.TestPlatform;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Taking a tag (a slot of a queue's preallocated pool) and returning it, as every request
 * does — with one thread, and with two racing on the same queue. Each cycle takes the queue
 * from idle to busy and back, so it also pays the busy-time clock reads that a queue under
 * steady load does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TagPoolBenchmark {
    private TestPlatform platform;
    private EngineQueue queue;

    @Setup
    public void setUp() {
        platform = TestPlatform.builder().queuesPerDevice(1).build();
        platform.bind(FakeDriver.costless("soft", CalcType.SOFT, 0, 1));
        queue = platform.engine().views().view().get(0);
    }

    @TearDown
    public void tearDown() throws Exception {
        platform.close();
    }

    @Benchmark
    public JobSlot takeAndReturn() {
        JobSlot slot = queue.tryAcquire();
        queue.release(slot);
        return slot;
    }

    @Benchmark
    @Threads(2)
    public JobSlot takeAndReturnRacing() {
        JobSlot slot = queue.tryAcquire();
        queue.release(slot);
        return slot;
    }
}
