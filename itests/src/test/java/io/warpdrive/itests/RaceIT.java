package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * 8 threads, 20,000 mixed sync, async and stream requests, sizes from 0 B to 1 MiB (log-uniform),
 * random algorithms and levels, inside Felix on the real soft driver: every request is
 * accounted for exactly once and every output round-trips against java.util.zip.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RaceIT {
    private static final int THREADS = 8;
    private static final int REQUESTS = 20_000;
    private static final Algorithm[] ALGORITHMS = Jdk.ALGORITHMS;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void everyRequestIsAccountedForExactlyOnceAndEveryOutputRoundTrips() throws Exception {
        for (Operation op : Operation.values()) {
            assertTrue(platform.awaitQueue(Algorithm.GZIP, op, FallbackPolicy.AUTO, Duration.ofSeconds(InFramework.TIMEOUT_S)));
        }
        byte[] pool = concat(TestFiles.file("text"), TestFiles.file("xml"), TestFiles.file("binary"));
        AtomicInteger tickets = new AtomicInteger();
        AtomicLong succeeded = new AtomicLong();
        List<String> problems = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<Integer, AtomicInteger> completions = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final long seed = 1000 + t;
            Thread th = new Thread(() -> client(new Random(seed), pool, tickets, succeeded, problems, completions),
                    "race-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join(TimeUnit.MINUTES.toMillis(10));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completions.values().stream().mapToInt(AtomicInteger::get).sum() < REQUESTS && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue("problems (first 10): " + problems.subList(0, Math.min(10, problems.size())), problems.isEmpty());
        assertEquals("requests issued", REQUESTS, completions.size());
        for (var e : completions.entrySet()) {
            assertEquals("request " + e.getKey() + " completions", 1, e.getValue().get());
        }
        assertEquals("all succeeded", REQUESTS, succeeded.get());
    }

    private void client(Random rnd, byte[] pool, AtomicInteger tickets, AtomicLong succeeded, List<String> problems,
            ConcurrentHashMap<Integer, AtomicInteger> completions) {
        Session[][] sessions = new Session[ALGORITHMS.length][10];
        AtomicInteger inFlight = new AtomicInteger();
        try {
            for (int id; (id = tickets.getAndIncrement()) < REQUESTS;) {
                completions.put(id, new AtomicInteger());
                Algorithm a = ALGORITHMS[rnd.nextInt(ALGORITHMS.length)];
                int level = 1 + rnd.nextInt(9);
                int size = (int) Math.min(1 << 20, Math.pow(2, rnd.nextDouble() * 20.0)) - 1;
                int off = rnd.nextInt(pool.length - size);
                byte[] data = Arrays.copyOfRange(pool, off, off + size);
                Session s = sessions[a.ordinal()][level];
                if (s == null) {
                    s = compressor.openSession(SessionSpec.of(a).withLevel(level));
                    sessions[a.ordinal()][level] = s;
                }
                final int ticket = id;
                try {
                    switch (rnd.nextInt(3)) {
                        case 0: { // sync compress, checked by java.util.zip
                            byte[] packed = s.compress(data);
                            completions.get(ticket).incrementAndGet();
                            check(ticket, "sync " + a, data, Jdk.decompress(a, packed), succeeded, problems);
                            break;
                        }
                        case 1: { // async decompress of java.util.zip's output
                            byte[] packed = Jdk.compress(a, data, level);
                            ByteBuffer out = ByteBuffer.allocate(data.length);
                            Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(packed))
                                    .destination(out);
                            inFlight.incrementAndGet();
                            s.submit(r, done -> {
                                completions.get(ticket).incrementAndGet();
                                if (done.error() != null) {
                                    problems.add("async " + a + ": " + done.error().getMessage());
                                } else {
                                    check(ticket, "async " + a, data, Arrays.copyOf(out.array(), out.position()),
                                            succeeded, problems);
                                }
                                inFlight.decrementAndGet();
                            });
                            break;
                        }
                        default: { // stream compress in random pieces
                            byte[] packed = streamCompress(a, level, data, rnd);
                            completions.get(ticket).incrementAndGet();
                            check(ticket, "stream " + a, data, Jdk.decompress(a, packed), succeeded, problems);
                        }
                    }
                } catch (WdException | java.io.UncheckedIOException e) {
                    completions.get(ticket).incrementAndGet();
                    problems.add(ticket + ": " + e);
                }
                while (inFlight.get() > 16) {
                    Thread.onSpinWait();
                }
            }
            while (inFlight.get() > 0) {
                Thread.onSpinWait();
            }
        } finally {
            for (Session[] row : sessions) {
                for (Session s : row) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
        }
    }

    private byte[] streamCompress(Algorithm a, int level, byte[] data, Random rnd) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream(data.length / 2 + 64);
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(a).withLevel(level))) {
            ByteBuffer out = ByteBuffer.allocate(16 * 1024 + rnd.nextInt(64 * 1024));
            Request r = st.newRequest();
            int pos = 0;
            do {
                int n = Math.min(data.length - pos, 1 + rnd.nextInt(256 * 1024));
                boolean last = pos + n == data.length;
                ByteBuffer in = ByteBuffer.wrap(data, pos, n);
                r.source(in).flush(last ? Flush.FINISH : rnd.nextInt(4) == 0 ? Flush.SYNC : Flush.NONE);
                do {
                    out.clear();
                    st.execute(r.destination(out));
                    packed.write(out.array(), 0, out.position());
                } while (last ? !r.endOfStream() : in.hasRemaining() || out.position() == out.capacity());
                pos += n;
            } while (pos < data.length);
        }
        return packed.toByteArray();
    }

    private static void check(int ticket, String what, byte[] expected, byte[] actual, AtomicLong succeeded,
            List<String> problems) {
        if (Arrays.equals(expected, actual)) {
            succeeded.incrementAndGet();
        } else {
            problems.add(ticket + " " + what + ": output does not round-trip (" + expected.length + " vs " + actual.length
                    + " bytes)");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
