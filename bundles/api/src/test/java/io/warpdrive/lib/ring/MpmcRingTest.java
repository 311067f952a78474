package io.warpdrive.lib.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ring alone and under races: never a spurious full or empty, every element exactly once. */
class MpmcRingTest {

    @Test
    void fifoBoundsAndCapacity() {
        MpmcRing<Integer> ring = new MpmcRing<>(5);
        assertEquals(8, ring.capacity());
        assertNull(ring.poll());
        for (int i = 0; i < 8; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(8), "full");
        assertEquals(8, ring.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, ring.poll());
        }
        assertNull(ring.poll(), "empty");
        assertTrue(ring.isEmpty());
    }

    /**
     * A tag pool: as many elements as room, every thread taking one and giving it back. The
     * textbook design reports "full" when a give-back reaches a slot whose taker has not
     * freed it yet, and the tag is lost; this ring must never refuse or come up empty.
     */
    @Test
    void aFullPoolChurnedByRacingThreadsNeverRefusesNorComesUpEmpty() throws Exception {
        int tags = 64;
        MpmcRing<Integer> ring = new MpmcRing<>(tags);
        for (int i = 0; i < tags; i++) {
            assertTrue(ring.offer(i));
        }
        AtomicLong empties = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                await(go);
                for (int i = 0; i < 500_000; i++) {
                    Integer tag = ring.poll();
                    if (tag == null) {
                        empties.incrementAndGet();
                    } else if (!ring.offer(tag)) {
                        refusals.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, refusals.get(), "tags refused (lost)");
        assertEquals(0, empties.get(), "spurious empty polls");
        assertEquals(tags, ring.size());
        boolean[] seen = new boolean[tags];
        for (int i = 0; i < tags; i++) {
            Integer tag = ring.poll();
            assertFalse(seen[tag], "tag " + tag + " twice");
            seen[tag] = true;
        }
    }

    /** Producers and consumers racing through a small ring: every element arrives exactly once. */
    @Test
    void racingProducersAndConsumersTransferEveryElementOnce() throws Exception {
        int producers = 3;
        int perProducer = 200_000;
        MpmcRing<Integer> ring = new MpmcRing<>(16);
        AtomicIntegerArray received = new AtomicIntegerArray(producers * perProducer);
        AtomicLong taken = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    while (!ring.offer(first + i)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        for (int c = 0; c < 3; c++) {
            threads.add(new Thread(() -> {
                while (taken.get() < (long) producers * perProducer) {
                    Integer v = ring.poll();
                    if (v != null) {
                        received.incrementAndGet(v);
                        taken.incrementAndGet();
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        for (int i = 0; i < received.length(); i++) {
            assertEquals(1, received.get(i), "element " + i);
        }
        assertNull(ring.poll());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
