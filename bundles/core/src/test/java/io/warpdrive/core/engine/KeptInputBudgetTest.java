package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.stream.KeptInputBudget;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.StreamContinuityUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The platform-wide limit on the compressed input decompression streams keep to resume on another
 * engine ({@code stream.resume.total.mb}): streams share it in chunks; a stream refused its next
 * chunk cannot resume until its next resume point and, if its engine goes away before, fails
 * naming the limit while the others resume; every chunk comes back when streams end, close or
 * fail. The fakes' "codec" copies, so every output byte says where it came from.
 */
class KeptInputBudgetTest {
    private static final int PIECE = 100;
    private static final int CHUNK = KeptInputBudget.CHUNK;

    private static TestPlatform platform(long chunks) {
        Settings.Builder b = new Settings.Builder();
        b.streamResumeTotalLimit = chunks * CHUNK;
        return new TestPlatform(b.build());
    }

    private static StreamSession decompression(TestPlatform p) {
        return p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
    }

    @Test
    void streamsShareTheBudgetAndOneRefusedFailsAMoveNamingTheLimitWhileTheOthersResume() throws Exception {
        byte[] data = data(4 * PIECE);
        try (TestPlatform p = platform(2)) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession a = decompression(p);
            StreamSession b = decompression(p);
            StreamSession c = decompression(p);
            Fed fa = new Fed(a);
            Fed fb = new Fed(b);
            Fed fc = new Fed(c);
            fa.piece(data, 0);
            fb.piece(data, 0);
            assertEquals(2L * CHUNK, p.engine.keptInput().taken(), "a chunk each");
            fc.piece(data, 0);
            assertEquals(2L * CHUNK, p.engine.keptInput().taken(), "the third stream was refused its chunk");
            p.remove(hw);
            WdException x = assertThrows(WdException.class, () -> fc.piece(data, 1));
            assertEquals(WdStatus.DRIVER_GONE, x.status());
            assertTrue(x.getMessage().contains("cannot continue on another engine")
                    && x.getMessage().contains("stream.resume.total.mb"), x.getMessage());
            assertArrayEquals(java.util.Arrays.copyOf(data, PIECE), fc.out.toByteArray(), "nothing more, nothing twice");
            for (int i = 1; i < 4; i++) {
                assertEquals("soft", fa.piece(data, i));
                assertEquals("soft", fb.piece(data, i));
            }
            assertArrayEquals(data, fa.out.toByteArray());
            assertArrayEquals(data, fb.out.toByteArray());
            a.close();
            b.close();
            c.close();
            assertEquals(0, p.engine.keptInput().taken(), "every chunk given back");
        }
    }

    /**
     * What the accounting shows ({@code UsageStats.streamContinuity}): a stream refused a chunk
     * counts once (it asks again only at its next resume point), each resume counts once, a stream
     * that could not move counts nothing, kept input returns to 0 when the streams close, and a
     * reset zeroes the counters but not the kept input or its limit.
     */
    @Test
    void aRefusedStreamCountsOnceEachResumeOnceAndKeptInputReturnsToZero() throws Exception {
        byte[] data = data(4 * PIECE);
        try (TestPlatform p = platform(1)) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            FakeDriver mid = p.add(new FakeDriver("mid", CalcType.HW, 50));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession a = decompression(p);
            StreamSession b = decompression(p);
            Fed fa = new Fed(a);
            Fed fb = new Fed(b);
            fa.piece(data, 0);
            for (int i = 0; i < 3; i++) {
                fb.piece(data, i);
            }
            StreamContinuityUsage u = p.usage().streamContinuity();
            assertEquals(1, u.keptInputRefusals(), "b was refused once, however many requests followed");
            assertEquals(CHUNK, u.keptInput(), "a's chunk");
            assertEquals(CHUNK, u.keptInputLimit());
            assertEquals(0, u.moves());
            p.remove(hw);
            assertEquals("mid", fa.piece(data, 1));
            assertEquals("mid", fa.piece(data, 2));
            assertEquals(1, p.usage().streamContinuity().moves(), "one resume, counted once");
            p.remove(mid);
            assertEquals("soft", fa.piece(data, 3));
            assertArrayEquals(data, fa.out.toByteArray());
            assertThrows(WdException.class, () -> fb.piece(data, 3), "b kept nothing: it cannot resume");
            u = p.usage().streamContinuity();
            assertEquals(2, u.moves(), "a resumed twice; b could not");
            assertEquals(1, u.keptInputRefusals());
            a.close();
            b.close();
            assertEquals(0, p.usage().streamContinuity().keptInput(), "closed streams keep nothing");
            p.usage().reset();
            u = p.usage().streamContinuity();
            assertEquals(0, u.moves());
            assertEquals(0, u.keptInputRefusals());
            assertEquals(CHUNK, u.keptInputLimit(), "a reset leaves the limit");
        }
    }

    @Test
    void aStreamRefusedBudgetKeepsAgainFromItsNextResumePoint() throws Exception {
        byte[] data = data(4 * PIECE);
        try (TestPlatform p = platform(1)) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession a = decompression(p);
            StreamSession b = decompression(p);
            new Fed(a).piece(data, 0);
            Fed fb = new Fed(b);
            fb.piece(data, 0); // refused: a holds the only chunk
            a.close();
            assertEquals(0, p.engine.keptInput().taken(), "a closed stream gives its chunk back");
            // The copying fake ends a stream at FINISH: a member ends here, the next one starts.
            fb.piece(data, 1, Flush.FINISH);
            assertTrue(b.isFinished());
            fb.piece(data, 2);
            assertEquals(CHUNK, p.engine.keptInput().taken(), "the new member keeps its input");
            p.remove(hw);
            assertEquals("soft", fb.piece(data, 3));
            assertArrayEquals(data, fb.out.toByteArray());
            b.close();
            assertEquals(0, p.engine.keptInput().taken());
        }
    }

    @Test
    void aFailedStreamGivesItsChunksBackBeforeItIsClosed() throws Exception {
        byte[] data = data(4 * PIECE);
        try (TestPlatform p = platform(4)) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS,
                    SessionSpec.of(Algorithm.GZIP).withOutputLimit(2 * PIECE));
            Fed f = new Fed(s);
            f.piece(data, 0);
            f.piece(data, 1);
            assertEquals(CHUNK, p.engine.keptInput().taken());
            WdException x = assertThrows(WdException.class, () -> f.piece(data, 2));
            assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, x.status());
            assertEquals(0, p.engine.keptInput().taken(), "a broken stream keeps nothing");
            s.close();
            assertEquals(0, p.engine.keptInput().taken());
        }
    }

    /** Kept input over several chunks is fed to the new engine chunk by chunk, every byte once. */
    @Test
    void keptInputOverSeveralChunksResumesOnAnotherEngine() throws Exception {
        int piece = CHUNK / 3 + 17; // pieces straddle the chunks' ends
        byte[] data = data(10 * piece);
        for (int stop : new int[] {4, 9}) {
            try (TestPlatform p = platform(64)) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                StreamSession s = decompression(p);
                Request r = s.newRequest();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < 10; i++) {
                    if (i == stop) {
                        assertEquals((long) CHUNK * ((stop * piece + CHUNK - 1) / CHUNK), p.engine.keptInput().taken());
                        p.remove(hw);
                    }
                    ByteBuffer dst = ByteBuffer.allocate(piece);
                    s.execute(r.source(ByteBuffer.wrap(data, i * piece, piece)).destination(dst)
                            .flush(i == 9 ? Flush.FINISH : Flush.NONE));
                    out.write(dst.array(), 0, dst.position());
                    assertEquals(i < stop ? "hw" : "soft", r.servedBy());
                }
                assertArrayEquals(data, out.toByteArray(), "stopped before piece " + stop);
                assertEquals(0, p.engine.keptInput().taken(), "the end of the stream gave the chunks back");
            }
        }
    }

    /**
     * Many threads open decompression streams, feed them input across several chunks, and end them
     * every way: closed mid-stream, finished then closed, failed (their output limit) then closed.
     * The budget is smaller than the streams want, so chunks are refused all along; the chunks
     * taken never pass the limit, and all come back.
     */
    @Test
    void everyChunkComesBackHoweverStreamsEndWhileManyThreadsRace() throws Exception {
        int threads = 8;
        int streamsPerThread = 400;
        byte[] data = data(CHUNK + CHUNK / 2);
        try (TestPlatform p = platform(6)) {
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            KeptInputBudget budget = p.engine.keptInput();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger closed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean over = new AtomicBoolean();
            CountDownLatch start = new CountDownLatch(1);
            Thread watcher = new Thread(() -> {
                while (!over.get()) {
                    long t = budget.taken();
                    if (t > budget.limit() || t < 0) {
                        errors.add(new AssertionError("chunks taken: " + t));
                    }
                    Thread.onSpinWait();
                }
            });
            watcher.start();
            Thread[] workers = new Thread[threads];
            for (int w = 0; w < threads; w++) {
                workers[w] = new Thread(() -> {
                    try {
                        start.await();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < streamsPerThread; i++) {
                            int how = random.nextInt(3);
                            SessionSpec spec = SessionSpec.of(Algorithm.GZIP);
                            if (how == 2) {
                                spec = spec.withOutputLimit(CHUNK); // the third request passes it
                            }
                            StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, spec);
                            Request r = s.newRequest();
                            try {
                                for (int at = 0; at < data.length; at += CHUNK / 2) {
                                    boolean last = how == 1 && at + CHUNK / 2 >= data.length;
                                    s.execute(r.source(ByteBuffer.wrap(data, at, CHUNK / 2))
                                            .destination(ByteBuffer.allocate(CHUNK / 2))
                                            .flush(last ? Flush.FINISH : Flush.NONE));
                                    if (how == 0 && random.nextInt(3) == 0) {
                                        break; // closed mid-stream
                                    }
                                }
                            } catch (WdException e) {
                                if (how != 2 || e.status() != WdStatus.OUTPUT_LIMIT_EXCEEDED) {
                                    throw e;
                                }
                                failed.incrementAndGet();
                            }
                            s.close();
                            closed.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                workers[w].start();
            }
            start.countDown();
            for (Thread t : workers) {
                t.join();
            }
            over.set(true);
            watcher.join();
            assertTrue(errors.isEmpty(), () -> errors.peek() + " and " + (errors.size() - 1) + " more");
            assertEquals(threads * streamsPerThread, closed.get(), "every stream accounted for once");
            assertTrue(failed.get() > 0, "some streams failed");
            assertEquals(0, budget.taken(), "every chunk given back");
        }
    }

    /** A stream and the output its caller got. */
    private static final class Fed {
        final StreamSession s;
        final Request r;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fed(StreamSession s) {
            this.s = s;
            this.r = s.newRequest();
        }

        String piece(byte[] data, int i) {
            return piece(data, i, Flush.NONE);
        }

        /** Decompresses piece {@code i} into room for exactly it; returns who served it. */
        String piece(byte[] data, int i, Flush flush) {
            ByteBuffer dst = ByteBuffer.allocate(PIECE);
            s.execute(r.source(ByteBuffer.wrap(data, i * PIECE, PIECE)).destination(dst).flush(flush));
            assertEquals(PIECE, r.consumed(), "the request consumed its piece");
            out.write(dst.array(), 0, dst.position());
            return r.servedBy();
        }
    }

    private static byte[] data(int length) {
        byte[] d = new byte[length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
        }
        return d;
    }
}
