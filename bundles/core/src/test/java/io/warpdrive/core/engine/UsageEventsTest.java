package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageEventListener;
import io.warpdrive.stats.UsageThresholds;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crossings of the work counters pushed to {@link UsageEventListener}s, on simulated time: the
 * request path tells work submitted after a quiet spell, the engine's watch tells all work
 * completed, idle beyond the listener's threshold and throughput below it — once per crossing,
 * and without anyone reading the counters periodically.
 */
class UsageEventsTest {
    private static final long MS = 1_000_000L;

    /** Records crossings as "EVENT consumer tag"; watches tag "batch" (idle 100 ms, 1 MB/s). */
    private static final class Recorder implements UsageEventListener {
        final List<String> told = new CopyOnWriteArrayList<>();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public UsageThresholds thresholds(String consumer, String contextTag) {
            asked.incrementAndGet();
            return "batch".equals(contextTag) ? new UsageThresholds(100 * MS, 1e6) : UsageThresholds.NONE;
        }

        @Override
        public void crossed(UsageEvent event, String consumer, String contextTag) {
            told.add(event + " " + consumer + " " + contextTag);
        }

        List<String> take() {
            List<String> l = new ArrayList<>(told);
            told.clear();
            return l;
        }
    }

    private static Request request(Session s) {
        return s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(new byte[256]))
                .destination(ByteBuffer.allocate(512));
    }

    @Test
    void aContextThatGoesIdleBeyondItsThresholdIsToldOnceWithoutATick() throws Exception {
        Simulation sim = new Simulation();
        try (TestPlatform p = new TestPlatform(new Settings.Builder().build(), sim)) {
            p.add(new FakeDriver("copy", CalcType.SOFT, 0));
            Recorder r = new Recorder();
            p.engine.bindUsageEventListener(r);
            Session batch = p.compressor("worker").openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("batch"));
            Session plain = p.compressor("worker").openSession(SessionSpec.of(Algorithm.GZIP));
            batch.execute(request(batch));
            assertEquals(List.of("SUBMITTED worker batch"), r.take(), "told on the request path, before any watch");
            batch.execute(request(batch));
            plain.execute(request(plain));
            assertEquals(List.of("SUBMITTED worker null"), r.take(), "once per quiet spell, not per request");

            p.engine.usage().watch(sim.nanoTime());
            List<String> completed = r.take();
            completed.sort(null);
            assertEquals(List.of("COMPLETED worker batch", "COMPLETED worker null"), completed);
            sim.advance(50 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of(), r.take(), "idle 50 ms of 100");
            sim.advance(60 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of("IDLE worker batch"), r.take(), "idle 110 ms; the untagged work watches no idleness");
            sim.advance(1000 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of(), r.take(), "told once per idle spell");

            batch.execute(request(batch));
            assertEquals(List.of("SUBMITTED worker batch"), r.take(), "armed again by the quiet spell");
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of("COMPLETED worker batch"), r.take());
            sim.advance(100 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of("IDLE worker batch"), r.take(), "idle again after the new work");
        }
    }

    @Test
    void pendingWorkCompletingBelowTheThresholdIsToldSlowOnceUntilItRecovers() throws Exception {
        Simulation sim = new Simulation();
        try (TestPlatform p = new TestPlatform(new Settings.Builder().build(), sim)) {
            p.add(new FakeDriver("copy", CalcType.SOFT, 0));
            Recorder r = new Recorder();
            p.engine.bindUsageEventListener(r);
            p.compressor("worker").openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("batch")).close();
            io.warpdrive.core.engine.usage.ContextCounters work = p.engine.usage().context("worker", "batch");
            p.engine.usage().watch(sim.nanoTime());
            for (int i = 0; i < 3; i++) { // three requests pending from now on: two complete below
                work.submitted(Operation.COMPRESS, 10_000_000, 0);
            }
            assertEquals(List.of("SUBMITTED worker batch"), r.take());
            p.engine.usage().watch(sim.nanoTime());
            work.completed(Operation.COMPRESS, 500_000, 0); // 0.5 MB in a second, below 1 MB/s
            sim.advance(1000 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of("SLOW worker batch"), r.take());
            sim.advance(1000 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of(), r.take(), "still slow: told once");
            work.completed(Operation.COMPRESS, 10_000_000, 0); // 10 MB/s: recovered, armed again
            sim.advance(1000 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of(), r.take());
            sim.advance(1000 * MS);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(List.of("SLOW worker batch"), r.take(), "slow again");
        }
    }

    @Test
    void thresholdsAreAskedAgainWhenTheListenerSaysTheyChangedAndAThrowingListenerIsContained() throws Exception {
        Simulation sim = new Simulation();
        try (TestPlatform p = new TestPlatform(new Settings.Builder().build(), sim)) {
            p.add(new FakeDriver("copy", CalcType.SOFT, 0));
            UsageEventListener broken = new UsageEventListener() {
                @Override
                public UsageThresholds thresholds(String consumer, String contextTag) {
                    throw new IllegalStateException("broken thresholds");
                }

                @Override
                public void crossed(UsageEvent event, String consumer, String contextTag) {
                    throw new IllegalStateException("broken listener");
                }
            };
            Recorder r = new Recorder();
            p.engine.bindUsageEventListener(broken);
            p.engine.bindUsageEventListener(r);
            Session batch = p.compressor("worker").openSession(SessionSpec.of(Algorithm.GZIP).withContextTag("batch"));
            batch.execute(request(batch));
            p.engine.usage().watch(sim.nanoTime());
            int asked = r.asked.get();
            assertTrue(asked >= 1);
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(asked, r.asked.get(), "not asked at every watch");
            p.usage().thresholdsChanged();
            p.engine.usage().watch(sim.nanoTime());
            assertEquals(asked + 1, r.asked.get(), "asked again after thresholdsChanged");
            assertEquals(List.of("SUBMITTED worker batch", "COMPLETED worker batch"), r.take(),
                    "the other listener is told despite the broken one");
        }
    }
}
