package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The regression of service time on size: convergence, tracking a change, one size only, racing writers. */
class ServiceModelTest {
    private static final int CELL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 48 * 1024);

    @Test
    void convergesToTheFixedAndPerByteCostOfNoisySamples() {
        ServiceModel m = new ServiceModel();
        SplittableRandom random = new SplittableRandom(3);
        assertEquals(-1, m.predict(CELL, 40_000), "no prediction before the first samples");
        for (int i = 0; i < 2000; i++) {
            long bytes = 32 * 1024 + 1 + random.nextInt(32 * 1024);
            double noise = 1 + (random.nextDouble() - 0.5) * 0.1; // ±5 %
            m.record(CELL, bytes, (long) ((40_000 + 0.25 * bytes) * noise), i);
        }
        assertEquals(40_000, m.fixedNanos(CELL), 40_000 * 0.15, "fixed cost");
        assertEquals(0.25, m.nanosPerByte(CELL), 0.25 * 0.05, "cost per byte");
        assertEquals(40_000 + 0.25 * 50_000, m.predict(CELL, 50_000), (40_000 + 0.25 * 50_000) * 0.02);
        assertEquals(2000 - 2, m.samples(CELL), "the first two are not learned from");
        assertTrue(m.confidence(CELL) > 0.99, "settled: " + m.confidence(CELL));
    }

    @Test
    void theFirstTwoOfAKindTeachNothingWhateverTheirSizeAndALaterSizeLearnsFromItsFirst() {
        ServiceModel m = new ServiceModel();
        int small = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096);
        int large = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 65_536);
        m.record(small, 4096, 500_000, 1); // class loading, the interpreter
        m.record(small, 4096, 400_000, 2);
        assertEquals(0, m.samples(small));
        for (int i = 0; i < ServiceModel.MIN_SAMPLES; i++) {
            m.record(large, 65_536, 150_000, 3 + i);
        }
        assertEquals(ServiceModel.MIN_SAMPLES, m.samples(large), "the kind's code is warm: every 64 KiB job teaches");
        assertEquals(150_000, m.predict(large, 65_536), 1);
        int otherKind = RequestClass.of(Operation.DECOMPRESS, Algorithm.GZIP, 1, 65_536);
        m.record(otherKind, 65_536, 900_000, 10);
        assertEquals(0, m.samples(otherKind), "another kind pays its own first two");
    }

    @Test
    void followsAChangeWithinAHundredSamples() {
        ServiceModel m = new ServiceModel();
        for (int i = 0; i < 500; i++) {
            m.record(CELL, 40_000 + i % 20_000, 10_000 + (40_000 + i % 20_000) / 4, i);
        }
        long before = m.predict(CELL, 50_000);
        for (int i = 0; i < 100; i++) {
            m.record(CELL, 40_000 + i * 300, 10 * (10_000 + (40_000 + i * 300) / 4), 500 + i);
        }
        long after = m.predict(CELL, 50_000);
        assertTrue(after > 8 * before, "tenfold slower: predicted " + before + " ns, then " + after + " ns");
    }

    @Test
    void oneSizeOnlyPredictsThatSizeExactly() {
        ServiceModel m = new ServiceModel();
        for (int i = 0; i < 100; i++) {
            m.record(CELL, 65_536, 200_000, i);
        }
        assertEquals(200_000, m.predict(CELL, 65_536), 1);
        long smaller = m.predict(CELL, 40_000);
        assertTrue(smaller < 200_000 && smaller > 100_000, "a smaller request of the class: " + smaller);
    }

    @Test
    void sizesAreClassedByPowersOfTwo() {
        assertEquals(0, RequestClass.sizeClass(0));
        assertEquals(0, RequestClass.sizeClass(1024));
        assertEquals(1, RequestClass.sizeClass(1025));
        assertEquals(2, RequestClass.sizeClass(4096));
        assertEquals(6, RequestClass.sizeClass(65_536));
        assertEquals(RequestClass.SIZES - 1, RequestClass.sizeClass(1L << 40));
        int cell = RequestClass.of(Operation.DECOMPRESS, Algorithm.ZLIB, 9, 4096);
        assertEquals(Operation.DECOMPRESS, RequestClass.operationOf(cell));
        assertEquals(Algorithm.ZLIB, RequestClass.algorithmOf(cell));
        assertEquals(0, RequestClass.levelClassOf(cell), "decompression has one level class");
        assertEquals(2, RequestClass.sizeClassOf(cell));
        assertEquals("4 KiB", RequestClass.sizeClassName(2));
    }

    @Test
    void racingWritersNeverCorruptACell() throws Exception {
        ServiceModel m = new ServiceModel();
        int threads = 4;
        int each = 20_000;
        AtomicLong kept = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            ts[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    long bytes = 33_000 + random.nextInt(32_000);
                    if (m.record(CELL, bytes, 10_000 + bytes / 4, i)) {
                        kept.incrementAndGet();
                    }
                }
            });
            ts[t].start();
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(threads * each, kept.get() + m.dropped(), "every sample kept or counted as dropped");
        assertEquals(kept.get() - 2, m.samples(CELL));
        assertEquals(10_000 + 50_000 / 4, m.predict(CELL, 50_000), 100, "the fit holds");
    }
}
