package io.warpdrive.itests;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background load for tests that change the platform underneath it: threads of mixed sync,
 * async and stream requests on slices of the test files, every output checked against java.util.zip,
 * every completion counted (exactly once), and the longest time any request took.
 */
final class Traffic implements AutoCloseable {
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicLong maxLatencyNanos = new AtomicLong();
    private final ConcurrentHashMap<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Compressor compressor;
    private final byte[] pool;
    /** Context tag of every session, or null. */
    private final String contextTag;

    Traffic(Compressor compressor, int threadCount) {
        this(compressor, threadCount, null);
    }

    /** Traffic whose sessions carry a context tag ({@code SessionSpec.withContextTag}). */
    Traffic(Compressor compressor, int threadCount, String contextTag) {
        this.compressor = compressor;
        this.contextTag = contextTag;
        this.pool = TestFiles.file("text");
        for (int t = 0; t < threadCount; t++) {
            final long seed = 77 + t;
            Thread th = new Thread(() -> run(new Random(seed)), "traffic-" + t);
            th.start();
            threads.add(th);
        }
    }

    /** The longest request since the last call, in nanoseconds. */
    long takeMaxLatency() {
        return maxLatencyNanos.getAndSet(0);
    }

    /** Waits until at least {@code n} more requests have succeeded. */
    void awaitProgress(long n) {
        long target = succeeded.get() + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S * 2);
        while (succeeded.get() < target) {
            if (System.nanoTime() > deadline || !problems.isEmpty()) {
                throw new AssertionError("traffic stalled at " + succeeded.get() + " successes; problems: " + problems);
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread th : threads) {
            th.join(TimeUnit.SECONDS.toMillis(InFramework.TIMEOUT_S * 2));
            if (th.isAlive()) {
                problems.add(th.getName() + " did not finish");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (completed() < submitted.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    long completed() {
        long n = 0;
        for (AtomicInteger c : completions.values()) {
            n += c.get();
        }
        return n;
    }

    /** Every request submitted completed exactly once and succeeded, with correct output. */
    void assertClean() {
        if (!problems.isEmpty()) {
            throw new AssertionError("problems (first 10): " + problems.subList(0, Math.min(10, problems.size())));
        }
        for (var e : completions.entrySet()) {
            if (e.getValue().get() != 1) {
                throw new AssertionError("request " + e.getKey() + " completed " + e.getValue().get() + " times");
            }
        }
        if (succeeded.get() != submitted.get()) {
            throw new AssertionError(submitted.get() + " submitted, " + succeeded.get() + " succeeded");
        }
    }

    private void run(Random rnd) {
        Algorithm[] algorithms = Jdk.ALGORITHMS;
        AtomicInteger inFlight = new AtomicInteger();
        try (Session session = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1)
                .withContextTag(contextTag))) {
            while (!stop.get()) {
                long id = submitted.incrementAndGet();
                completions.put(id, new AtomicInteger());
                int size = 1 + rnd.nextInt(64 * 1024);
                int off = rnd.nextInt(pool.length - size);
                byte[] data = Arrays.copyOfRange(pool, off, off + size);
                long start = System.nanoTime();
                try {
                    switch (rnd.nextInt(3)) {
                        case 0: {
                            byte[] packed = session.compress(data);
                            done(id, start);
                            verify(id, data, Jdk.decompress(Algorithm.GZIP, packed));
                            break;
                        }
                        case 1: {
                            ByteBuffer out = ByteBuffer.allocate(size + 1024);
                            Request r = session.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                                    .destination(out);
                            inFlight.incrementAndGet();
                            session.submit(r, x -> {
                                done(id, start);
                                if (x.error() != null) {
                                    problems.add("async: " + x.error().getMessage());
                                } else {
                                    verify(id, data, Jdk.decompress(Algorithm.GZIP,
                                            Arrays.copyOf(out.array(), out.position())));
                                }
                                inFlight.decrementAndGet();
                            });
                            break;
                        }
                        default: {
                            Algorithm a = algorithms[rnd.nextInt(algorithms.length)];
                            byte[] packed = stream(a, data);
                            done(id, start);
                            verify(id, data, Jdk.decompress(a, packed));
                        }
                    }
                } catch (WdException | java.io.UncheckedIOException e) {
                    done(id, start);
                    problems.add(String.valueOf(e));
                }
                while (inFlight.get() > 8) {
                    Thread.onSpinWait();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }

    private byte[] stream(Algorithm a, byte[] data) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(a).withLevel(1)
                .withContextTag(contextTag))) {
            ByteBuffer out = ByteBuffer.allocate(16 * 1024);
            int half = data.length / 2;
            Request r = st.newRequest();
            for (int part = 0; part < 2; part++) {
                boolean last = part == 1;
                ByteBuffer in = ByteBuffer.wrap(data, last ? half : 0, last ? data.length - half : half);
                r.source(in).flush(last ? Flush.FINISH : Flush.NONE);
                do {
                    out.clear();
                    st.execute(r.destination(out));
                    packed.write(out.array(), 0, out.position());
                } while (last ? !r.endOfStream() : in.hasRemaining() || out.position() == out.capacity());
            }
        }
        return packed.toByteArray();
    }

    private void done(long id, long start) {
        long took = System.nanoTime() - start;
        maxLatencyNanos.accumulateAndGet(took, Math::max);
        completions.get(id).incrementAndGet();
    }

    private void verify(long id, byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            succeeded.incrementAndGet();
        } else {
            problems.add("request " + id + ": output does not round-trip");
        }
    }
}
