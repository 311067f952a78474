package io.warpdrive.benchmarks;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;
import io.warpdrive.core.engine.request.RequestKey;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.priority.PriorityScheduler;
import io.warpdrive.testing.kit.FakeDriver;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler's pick as a request pays it — where the request sits in the performance
 * models and whether it explores, then the active policy through the engine's registry (fault
 * checks and budget included), or the built-in pick when no policy is present — over 24 queues
 * of two drivers on three devices whose models predict (every queue's finish time is computed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PickBenchmark {
    @Param({ "priority", "builtin" })
    public String policy;

    private TestPlatform platform;
    private Session session;
    private RequestKey key;
    private EngineRequest request;
    private Settings settings;

    @Setup
    public void setUp() {
        platform = TestPlatform.builder().queuesPerDevice(4).build();
        platform.bind(FakeDriver.costless("hw", CalcType.HW, 100, 2));
        platform.bind(FakeDriver.costless("soft", CalcType.SOFT, 0, 1));
        if ("priority".equals(policy)) {
            platform.bind(new PriorityScheduler(), 0);
        }
        session = platform.compressorFor("bench").openSession(SessionSpec.of(Algorithm.GZIP));
        EngineRequest r = (EngineRequest) session.newRequest();
        r.operation(Operation.COMPRESS).source(ByteBuffer.allocate(65536)).destination(ByteBuffer.allocate(70000));
        r.begin(true, null); // a sync request in flight, as the pick sees it
        r.markBuffers();
        key = r.key();
        request = r;
        for (io.warpdrive.core.model.DeviceModel m : platform.engine().models().models()) {
            int cell = io.warpdrive.core.model.RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, r.session().spec().level(), 65536);
            for (int i = 0; i < 16; i++) {
                m.calibrated(cell, 60_000 + i * 300, (m.hardware() ? 50_000 : 150_000) + i * 100, i);
            }
        }
        settings = platform.engine().settings();
        if (platform.engine().views().view().size() != 24) {
            throw new IllegalStateException("expected 24 queues: " + platform.describe());
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        session.close();
        platform.close();
    }

    @Benchmark
    public EngineQueue pick() {
        platform.engine().dispatcher().prepareModel(request);
        return platform.engine().schedulers().pick(key, platform.engine().views().view(), settings);
    }
}
