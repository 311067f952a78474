package io.warpdrive.itests;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Light load while bundles churn: a few consumer threads, each with an AUTO session, doing
 * round trips — a sync compression then the sync decompression of its output, and an async
 * compression (a few in flight) — every result checked against the original (the async one
 * with java.util.zip). Each thread takes the {@link Compressor} of the moment from a tracker
 * and opens a new session when the core bundle has restarted (the old one is dead).
 *
 * <p>Every request gets an id and must come back exactly once (a second completion, or one
 * still out at the end, is a problem). A failure must be a {@link WdException} with a status
 * that a bundle going away explains, and only on a request that overlapped a
 * {@linkplain #down(String) disruption}; anything else is a problem.
 */
final class ChurnLoad implements AutoCloseable {
    /** Statuses a stopping driver or core explains. */
    static final Set<WdStatus> WENT_AWAY = EnumSet.of(WdStatus.SESSION_CLOSED, WdStatus.NO_DRIVER,
            WdStatus.QUEUE_CLOSED, WdStatus.DRIVER_GONE);
    private static final int ASYNC_IN_FLIGHT = 4;

    private final ServiceTracker<Compressor, Compressor> compressors;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, String> outstanding = new ConcurrentHashMap<>();
    /** Async requests out now, to say where a lost one was left (done or not, status, driver). */
    private final Map<Long, Request> asyncOut = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final LongAdder served = new LongAdder();
    private final LongAdder sessions = new LongAdder();
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusedWhileDown = new ConcurrentHashMap<>();
    /** Odd while a bundle is down (from before its stop until it serves again after its start). */
    private final AtomicLong epoch = new AtomicLong();
    private volatile String down = "";

    ChurnLoad(ServiceTracker<Compressor, Compressor> compressors) {
        this.compressors = compressors;
    }

    /** Starts {@code consumers} threads, each on its own algorithm and data. */
    void start(int consumers) {
        for (int i = 0; i < consumers; i++) {
            Algorithm a = Jdk.ALGORITHMS[i % Jdk.ALGORITHMS.length];
            String name = TestFiles.GENERATED.get(i % TestFiles.GENERATED.size());
            byte[] data = Arrays.copyOf(TestFiles.file(name), 24 * 1024 + 977 * i);
            Thread t = new Thread(() -> consume(a, data), "churn-consumer-" + i);
            t.start();
            threads.add(t);
        }
    }

    /** {@code bundle} is about to stop: failures are allowed until {@link #up()}. */
    void down(String bundle) {
        down = bundle;
        epoch.incrementAndGet();
    }

    /** The bundle is back and serves: failures are problems again. */
    void up() {
        epoch.incrementAndGet();
    }

    long served() {
        return served.sum();
    }

    private void consume(Algorithm algorithm, byte[] data) {
        SessionSpec spec = SessionSpec.of(algorithm).withLevel(1);
        Semaphore asyncRoom = new Semaphore(ASYNC_IN_FLIGHT);
        while (!stop.get()) {
            Compressor compressor;
            try {
                compressor = compressors.waitForService(50); // none while the core is stopped
            } catch (InterruptedException e) {
                return;
            }
            if (compressor == null) {
                continue;
            }
            long e0 = epoch.get();
            Session session;
            try {
                session = compressor.openSession(spec);
                sessions.increment();
            } catch (WdException e) {
                failed(e, e0, "opening a session");
                continue;
            } catch (RuntimeException e) {
                problems.add("opening a session: not a WdException: " + e);
                continue;
            }
            try (Session s = session) {
                // the same Compressor object while its core bundle lives; a new one after a restart
                while (!stop.get() && compressors.getService() == compressor) {
                    syncRoundTrip(s, algorithm, data);
                    if (!asyncRoom.tryAcquire(InFramework.TIMEOUT_S * 2, TimeUnit.SECONDS)) {
                        problems.add("async compressions did not come back within " + InFramework.TIMEOUT_S * 2
                                + " s");
                        return;
                    }
                    submit(s, algorithm, data, asyncRoom);
                }
            } catch (InterruptedException e) {
                return;
            } catch (WdException e) {
                failed(e, e0, "closing a session"); // a session of a core that has restarted since: fine
            } catch (RuntimeException e) {
                problems.add("closing a session: not a WdException: " + e);
            }
        }
    }

    private void syncRoundTrip(Session s, Algorithm algorithm, byte[] data) {
        long id = issue("sync compression");
        long e0 = epoch.get();
        byte[] packed;
        try {
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                    .destination(ByteBuffer.allocate(data.length + 1024));
            s.execute(r);
            complete(id);
            packed = Arrays.copyOf(r.destination().get(0).array(), (int) r.produced());
            served(r);
        } catch (WdException e) {
            complete(id);
            failed(e, e0, "sync compression");
            return;
        } catch (RuntimeException e) {
            complete(id);
            problems.add("sync compression: not a WdException: " + e);
            return;
        }
        id = issue("sync decompression");
        e0 = epoch.get();
        try {
            Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(packed))
                    .destination(ByteBuffer.allocate(data.length));
            s.execute(r);
            complete(id);
            byte[] back = Arrays.copyOf(r.destination().get(0).array(), (int) r.produced());
            if (!Arrays.equals(data, back)) {
                problems.add("sync round trip (" + algorithm + ") came back different, served by " + r.servedBy());
            }
            served(r);
        } catch (WdException e) {
            complete(id);
            failed(e, e0, "sync decompression");
        } catch (RuntimeException e) {
            complete(id);
            problems.add("sync decompression: not a WdException: " + e);
        }
    }

    private void submit(Session s, Algorithm algorithm, byte[] data, Semaphore asyncRoom) {
        long id = issue("async compression");
        long e0 = epoch.get();
        try {
            // newRequest too fails on a session whose core has stopped
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                    .destination(ByteBuffer.allocate(data.length + 1024));
            asyncOut.put(id, r);
            s.submit(r, done -> {
                try {
                    asyncOut.remove(id);
                    complete(id);
                    if (done.error() != null) {
                        failed(done.error(), e0, "async compression");
                    } else {
                        byte[] packed = Arrays.copyOf(done.destination().get(0).array(), (int) done.produced());
                        if (!Arrays.equals(data, Jdk.decompress(algorithm, packed))) {
                            problems.add("async compression (" + algorithm + ") wrong, served by " + done.servedBy());
                        }
                        served(done);
                    }
                } catch (RuntimeException e) {
                    problems.add("async completion: " + e);
                } finally {
                    asyncRoom.release();
                }
            });
        } catch (WdException e) {
            asyncOut.remove(id);
            complete(id);
            asyncRoom.release();
            failed(e, e0, "async submission");
        } catch (RuntimeException e) {
            asyncOut.remove(id);
            complete(id);
            asyncRoom.release();
            problems.add("async submission: not a WdException: " + e);
        }
    }

    private long issue(String what) {
        long id = ids.incrementAndGet();
        long e = epoch.get();
        outstanding.put(id, what + " issued " + ((e & 1) == 1 ? "while " + down + " was away" : "with every bundle up")
                + " (epoch " + e + ")");
        return id;
    }

    private void complete(long id) {
        if (outstanding.remove(id) == null) {
            problems.add("request " + id + " completed twice");
        }
    }

    private void served(Request r) {
        served.increment();
        servedBy.computeIfAbsent(String.valueOf(r.servedBy()), k -> new LongAdder()).increment();
    }

    /** A failure is fine when typed, explained by a bundle going away, and while one was away. */
    private void failed(WdException e, long epochAtStart, String what) {
        long now = epoch.get();
        boolean overlapped = (epochAtStart & 1) == 1 || now != epochAtStart;
        if (!overlapped) {
            problems.add(what + " failed while every bundle was up: " + e.status() + ": " + e.getMessage());
        } else if (!WENT_AWAY.contains(e.status())) {
            problems.add(what + " failed with " + e.status() + " while " + down + " was away: " + e.getMessage());
        } else {
            refusedWhileDown.computeIfAbsent(down + " " + e.status(), k -> new LongAdder()).increment();
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Stops the consumers and waits (bounded) until every request has come back. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(InFramework.TIMEOUT_S * 3));
            if (t.isAlive()) {
                problems.add(t.getName() + " did not stop");
            }
        }
        Await.until(() -> outstanding.size() + " requests never came back: " + new TreeMap<>(outstanding)
                + "; async ones left: " + lost(),
                outstanding::isEmpty);
    }

    private String lost() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(asyncOut).forEach((id, r) -> b.append(id).append(": done=").append(r.isDone()).append(" status=")
                .append(r.status()).append(" servedBy=").append(r.servedBy()).append(" error=").append(r.error())
                .append("; "));
        return b.toString();
    }

    String summary() {
        long refused = refusedWhileDown.values().stream().mapToLong(LongAdder::sum).sum();
        return String.format("%d requests issued, each came back exactly once: %d served correctly %s, %d refused"
                + " with a typed error while a bundle was away %s; %d sessions opened", ids.get(), served.sum(),
                sorted(servedBy), refused, sorted(refusedWhileDown), sessions.sum());
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> m) {
        Map<String, Long> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.sum()));
        return s;
    }
}
