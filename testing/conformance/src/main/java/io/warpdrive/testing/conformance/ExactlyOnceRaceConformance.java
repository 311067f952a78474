package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Many threads, mixed sync, async and stream requests, while the driver's queues are
 * opened and closed under them (queue counts changed live) or the whole driver goes away
 * and comes back: every request completes exactly once, every success carries the right
 * bytes, and a failure is only ever the driver or queue going away.
 */
public abstract class ExactlyOnceRaceConformance extends DriverConformance {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 400;
    private static final Set<WdStatus> WENT_AWAY =
            EnumSet.of(WdStatus.QUEUE_CLOSED, WdStatus.DRIVER_GONE, WdStatus.NO_DRIVER);

    /** What the clients saw. */
    private static final class Tally {
        final AtomicIntegerArray completions = new AtomicIntegerArray(THREADS * PER_THREAD);
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger wentAway = new AtomicInteger();
        final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        /** The first few "went away" failures, to explain a test that saw too many. */
        final ConcurrentLinkedQueue<String> wentAwaySamples = new ConcurrentLinkedQueue<>();

        void completed(int id) {
            if (completions.incrementAndGet(id) != 1) {
                wrong.add("request " + id + " completed " + completions.get(id) + " times");
            }
        }

        void failed(int id, WdException e) {
            completed(id);
            if (WENT_AWAY.contains(e.status())) {
                if (wentAway.incrementAndGet() <= 5) {
                    wentAwaySamples.add(e.getMessage());
                }
            } else {
                wrong.add("request " + id + ": " + e.getMessage());
            }
        }

        int total() {
            int n = 0;
            for (int i = 0; i < completions.length(); i++) {
                n += completions.get(i) > 0 ? 1 : 0;
            }
            return n;
        }
    }

    @Test
    void queuesOpenedAndClosedUnderLoadLoseNothing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            Random rnd = new Random(11);
            while (!stop.get()) {
                platform.setQueuesPerDevice(1 + rnd.nextInt(3));
                sleepABit();
            }
        }, "queue-churn");
        Tally tally = new Tally();
        run(churn, stop, tally);
        platform.setQueuesPerDevice(2);
        assertTrue(tally.wrong.isEmpty(), () -> "wrong outcomes: " + tally.wrong);
        assertEquals(0, tally.wentAway.get(), () -> "with the driver present no request fails: " + tally.wentAwaySamples
                + platform.describe() + devices());
        assertEquals(THREADS * PER_THREAD, tally.succeeded.get());
    }

    @Test
    void driverGoingAwayMidFlightCompletesEveryRequestOnce() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Tally tally = new Tally();
        Thread churn = new Thread(() -> {
            while (!stop.get()) {
                platform.unbind(driverUnderTest.driver());
                sleepABit();
                int before = tally.succeeded.get();
                platform.bind(driverUnderTest.driver());
                // each time the driver is back, requests succeed before it goes away again
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (tally.succeeded.get() == before && !stop.get() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sleepABit();
            }
        }, "driver-churn");
        run(churn, stop, tally);
        assertTrue(tally.wrong.isEmpty(), () -> "wrong outcomes: " + tally.wrong);
        assertTrue(tally.wentAway.get() > 0, "the driver went away under requests");
        assertTrue(tally.succeeded.get() > 0, () -> "no request succeeded between the driver's absences; e.g. "
                + tally.wentAwaySamples + platform.describe() + devices());
        assertEquals(THREADS * PER_THREAD, tally.succeeded.get() + tally.wentAway.get());
    }

    private String devices() {
        StringBuilder b = new StringBuilder();
        for (io.warpdrive.lib.Device d : driverUnderTest.driver().devices()) {
            b.append("  device ").append(d.name()).append(' ').append(d.health()).append(" free ")
                    .append(d.availableInstances()).append('/').append(d.instances()).append('\n');
        }
        return b.toString();
    }

    /** A pause of a fraction of a millisecond, so that requests are in flight when things change. */
    private static void sleepABit() {
        java.util.concurrent.locks.LockSupport.parkNanos(300_000);
    }

    private void run(Thread churn, AtomicBoolean stop, Tally tally) throws Exception {
        byte[] corpus = TestFiles.sample("text", 1 << 20);
        List<Thread> clients = new ArrayList<>();
        List<Throwable> unexpected = new ArrayList<>();
        churn.start();
        try {
            for (int t = 0; t < THREADS; t++) {
                final int first = t * PER_THREAD;
                final Random rnd = new Random(t);
                Thread th = new Thread(() -> {
                    try {
                        client(rnd, first, corpus, tally);
                    } catch (Throwable e) {
                        synchronized (unexpected) {
                            unexpected.add(e);
                        }
                    }
                }, "client-" + t);
                th.start();
                clients.add(th);
            }
            for (Thread th : clients) {
                th.join(120_000);
                assertTrue(!th.isAlive(), th.getName() + " finished");
            }
        } finally {
            stop.set(true);
            churn.join(30_000); // each churn leaves the driver bound when it stops
        }
        TestPlatform.await("every async request completed", () -> tally.total() == THREADS * PER_THREAD,
                Duration.ofSeconds(60));
        assertTrue(unexpected.isEmpty(), () -> "clients threw: " + unexpected);
    }

    /** After the driver went away, a client waits (bounded) until it serves again, as a real caller would retry. */
    private void awaitDriver(Algorithm algorithm) {
        platform.platform().awaitQueue(algorithm, Operation.COMPRESS, io.warpdrive.comp.FallbackPolicy.AUTO,
                Duration.ofSeconds(5));
    }

    private void client(Random rnd, int first, byte[] corpus, Tally tally) throws InterruptedException {
        Algorithm[] algorithms = driverUnderTest.algorithms().toArray(new Algorithm[0]);
        AtomicInteger inFlight = new AtomicInteger();
        for (int i = 0; i < PER_THREAD; i++) {
            int id = first + i;
            Algorithm algorithm = algorithms[rnd.nextInt(algorithms.length)];
            int from = rnd.nextInt(corpus.length - 20_000);
            byte[] data = Arrays.copyOfRange(corpus, from, from + rnd.nextInt(20_000));
            int kind = rnd.nextInt(3);
            if (tally.wentAway.get() > 0) {
                awaitDriver(algorithm);
            }
            if (kind == 0) {
                syncCompress(algorithm, data, id, tally);
            } else if (kind == 1) {
                asyncDecompress(algorithm, data, id, tally, inFlight);
            } else {
                streamCompress(algorithm, data, id, tally);
            }
            while (inFlight.get() > 16) {
                Thread.onSpinWait();
            }
        }
    }

    private void syncCompress(Algorithm algorithm, byte[] data, int id, Tally tally) {
        try (Session s = compressor.openSession(SessionSpec.of(algorithm).withLevel(1))) {
            ByteBuffer out = ByteBuffer.allocateDirect((int) Buffers.compressBound(data.length));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data)).destination(out);
            try {
                s.execute(r);
            } catch (WdException e) {
                tally.failed(id, e);
                return;
            }
            tally.completed(id);
            check(r, algorithm, data, bytes(out), tally, id);
        }
    }

    private void asyncDecompress(Algorithm algorithm, byte[] data, int id, Tally tally, AtomicInteger inFlight) {
        byte[] compressed = ReferenceCodecs.compress(algorithm, 6, data);
        Session s = compressor.openSession(SessionSpec.of(algorithm));
        ByteBuffer out = ByteBuffer.allocate(data.length);
        Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(compressed)).destination(out);
        inFlight.incrementAndGet();
        try {
            s.submit(r, done -> {
                try {
                    if (done.error() != null) {
                        tally.failed(id, done.error());
                    } else {
                        tally.completed(id);
                        byte[] got = Arrays.copyOf(out.array(), out.position());
                        if (!Arrays.equals(data, got) || done.consumed() != compressed.length) {
                            tally.wrong.add("request " + id + ": wrong decompressed bytes");
                        } else {
                            tally.succeeded.incrementAndGet();
                        }
                    }
                } finally {
                    s.close();
                    inFlight.decrementAndGet();
                }
            });
        } catch (WdException refused) {
            tally.failed(id, refused);
            s.close();
            inFlight.decrementAndGet();
        }
    }

    private void streamCompress(Algorithm algorithm, byte[] data, int id, Tally tally) {
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(algorithm).withLevel(1))) {
            ByteBuffer out = ByteBuffer.allocate((int) Buffers.compressBound(data.length));
            Request r = st.newRequest().source(ByteBuffer.wrap(data)).destination(out).flush(Flush.FINISH);
            try {
                st.execute(r);
            } catch (WdException e) {
                tally.failed(id, e);
                return;
            }
            tally.completed(id);
            if (!r.endOfStream()) {
                tally.wrong.add("request " + id + ": a stream with room for all of it did not end");
                return;
            }
            check(r, algorithm, data, Arrays.copyOf(out.array(), out.position()), tally, id);
        }
    }

    private void check(Request r, Algorithm algorithm, byte[] data, byte[] compressed, Tally tally, int id) {
        try {
            if (!driverName().equals(r.servedBy())) {
                tally.wrong.add("request " + id + " served by " + r.servedBy());
            } else if (!Arrays.equals(data, ReferenceCodecs.decompress(algorithm, compressed))) {
                tally.wrong.add("request " + id + ": compressed bytes do not restore the input");
            } else {
                tally.succeeded.incrementAndGet();
            }
        } catch (IOException e) {
            tally.wrong.add("request " + id + ": java.util.zip cannot read the output: " + e);
        }
    }

    private static byte[] bytes(ByteBuffer out) {
        ByteBuffer b = out.duplicate().flip();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
