package io.warpdrive.reliability.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.reliability.Figures;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Streams under driver churn: consumer threads run gzip, zlib, raw deflate, zstd and LZ4 streams,
 * both ways, in pieces, while hisi_zip (over a fresh emulator each time) is bound and unbound
 * again and again, the soft driver staying, and the zstd-lz4 driver is replaced by a fresh one
 * every cycle (the old one unbound under load). Every stream must finish: a compression stream's
 * output equal to its input once read by java.util.zip, zstd-jni or lz4-java (a moved zstd or
 * LZ4 stream is two frames or more, the platform having ended each engine's frame with its
 * content checksum), a decompression stream's output the
 * original data byte for byte (delivered once: a stream whose engine went away resumed from its
 * last resume point on the next engine and delivered none of the output it had delivered before).
 *
 * <p>{@code warpdrive.streams.churn.cycles} sets the cycles (20 in {@code mvn verify}); figures
 * go to {@code target/stream-churn-figures.txt}.
 */
class StreamChurnTest {
    private static final List<Algorithm> ALGORITHMS = List.of(Algorithm.GZIP, Algorithm.ZLIB, Algorithm.DEFLATE,
            Algorithm.ZSTD, Algorithm.LZ4);

    @Test
    @SuppressWarnings("unchecked")
    void everyCompressionStreamFinishesCorrectWhileHardwareComesAndGoes() throws Exception {
        int cycles = Integer.getInteger("warpdrive.streams.churn.cycles", 20);
        byte[] data = StreamData.text(1 << 20, 21);
        Map<Algorithm, byte[]> packed = new ConcurrentHashMap<>();
        for (Algorithm a : ALGORITHMS) {
            packed.put(a, StreamData.pack(a, data));
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong compressed = new AtomicLong();
        AtomicLong decompressed = new AtomicLong();
        AtomicLong decompressionsResumed = new AtomicLong();
        AtomicLong movedAway = new AtomicLong();
        AtomicLong framesEnded = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        StartedDriver<ZstdLz4Driver>[] zstdLz4 = new StartedDriver[] {TestDrivers.zstdLz4()};
        try (StreamMoveTest.Engines e = new StreamMoveTest.Engines(false)) {
            e.platform.bind(e.soft.driver());
            e.platform.bind(zstdLz4[0].driver());
            Thread[] consumers = new Thread[3];
            for (int t = 0; t < consumers.length; t++) {
                int id = t;
                consumers[t] = new Thread(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        Algorithm a = ALGORITHMS.get((n + id) % ALGORITHMS.size());
                        n++;
                        try {
                            if (n % 2 == 0) {
                                java.util.Set<String> served = new java.util.HashSet<>();
                                // one thread's output spaces are smaller than its requests' output: the platform holds the rest
                                byte[] out = compress(e, a, data, served, id == 0 ? 16 * 1024 : 72 * 1024);
                                if (!java.util.Arrays.equals(data, StreamData.inflate(a, out))) {
                                    problems.add(a + " compression stream output is not the input");
                                }
                                served.remove("platform"); // held output or a trailer: no engine
                                // A zstd or LZ4 stream moves between two zstd-lz4 drivers: its frames tell.
                                int frames = a == Algorithm.ZSTD || a == Algorithm.LZ4 ? StreamData.frames(a, out) : 1;
                                if (served.size() > 1 || frames > 1) {
                                    movedAway.incrementAndGet();
                                }
                                framesEnded.addAndGet(frames - 1);
                                compressed.incrementAndGet();
                            } else {
                                java.util.Set<String> served = new java.util.HashSet<>();
                                decompress(e, a, packed.get(a), data, problems, served);
                                if (served.size() > 1) {
                                    decompressionsResumed.incrementAndGet();
                                }
                                decompressed.incrementAndGet();
                            }
                        } catch (WdException x) {
                            problems.add(a + " compression stream failed: " + x);
                        } catch (Exception x) {
                            problems.add(a + ": " + x);
                        }
                    }
                }, "stream-churn-" + t);
                consumers[t].start();
            }
            for (int cycle = 0; cycle < cycles && problems.isEmpty(); cycle++) {
                StartedDriver<UacceDriver> hw = TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;depth=64", Map.of());
                e.platform.bind(hw.driver());
                assertTrue(e.platform.platform().awaitQueue(Algorithm.GZIP, Operation.COMPRESS,
                        FallbackPolicy.HARDWARE_ONLY, Duration.ofSeconds(20)), "a hisi_zip queue");
                long before = compressed.get() + decompressed.get();
                io.warpdrive.testing.platform.TestPlatform.await("streams ran on the hardware",
                        () -> compressed.get() + decompressed.get() > before
                                || !problems.isEmpty(), Duration.ofSeconds(60));
                e.platform.unbind(hw.driver()); // under load: streams on it move
                StartedDriver<ZstdLz4Driver> next = TestDrivers.zstdLz4();
                e.platform.bind(next.driver());
                e.platform.unbind(zstdLz4[0].driver()); // under load: zstd and LZ4 streams move to the next one
                zstdLz4[0].close();
                zstdLz4[0] = next;
                // A stream keeps its state until its next request moves it or it closes: soon, under load.
                io.warpdrive.testing.platform.TestPlatform.await("hisi_zip stream states released",
                        () -> hw.driver().openStreams() == 0, Duration.ofSeconds(60));
                hw.close();
            }
            stop.set(true);
            for (Thread t : consumers) {
                t.join(60_000);
                assertFalse(t.isAlive(), "a consumer is stuck");
            }
        } finally {
            zstdLz4[0].close();
        }
        Figures.report("stream-churn-figures.txt", String.format("%d hisi_zip and zstd-lz4 cycles under 3 stream"
                + " threads: %d compression streams correct (%d of them changed engines; %d zstd or LZ4 frames ended"
                + " by the platform), %d decompression streams correct (%d of them resumed on another engine)", cycles,
                compressed.get(), movedAway.get(), framesEnded.get(), decompressed.get(),
                decompressionsResumed.get()));
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(compressed.get() > 0, "compression streams ran");
        assertTrue(decompressed.get() > 0, "decompression streams ran");
    }

    /**
     * Compresses {@code data} as one stream in 64 KiB pieces into output spaces of {@code outSpace}
     * bytes, adding the drivers that served it to {@code served}.
     */
    private static byte[] compress(StreamMoveTest.Engines e, Algorithm a, byte[] data, java.util.Set<String> served,
            int outSpace) throws Exception {
        try (StreamSession s = e.stream(Operation.COMPRESS, a)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StreamMoveTest.feed(s, data, 0, data.length, true, out, outSpace, served);
            if (!s.isFinished()) {
                throw new IllegalStateException("the stream did not finish");
            }
            return out.toByteArray();
        }
    }

    /**
     * Decompresses {@code packed} as one stream in 16 KiB pieces into 8 KiB of output space a
     * request, adding the drivers that served
     * it to {@code served}; any failure, or output other than {@code data}, is a problem.
     */
    private static void decompress(StreamMoveTest.Engines e, Algorithm a, byte[] packed, byte[] data,
            ConcurrentLinkedQueue<String> problems, java.util.Set<String> served) {
        ByteBuffer out = ByteBuffer.allocate(data.length + 1);
        try (StreamSession s = e.stream(Operation.DECOMPRESS, a)) {
            Request r = s.newRequest();
            int requests = 0;
            for (int at = 0; at < packed.length && !s.isFinished(); at += 16 * 1024) {
                int n = Math.min(16 * 1024, packed.length - at);
                boolean last = at + n == packed.length;
                ByteBuffer src = ByteBuffer.wrap(packed, at, n);
                boolean full;
                do {
                    // 8 KiB of output space a request: output often waits inside the engine when it goes
                    out.limit(Math.min(out.capacity(), out.position() + 8 * 1024));
                    r.source(src).destination(out).flush(last ? Flush.FINISH : Flush.NONE);
                    s.execute(r);
                    served.add(r.servedBy());
                    full = !out.hasRemaining();
                } while (!s.isFinished() && (src.hasRemaining() || full || last) && ++requests < 1_000_000);
            }
            out.limit(out.capacity());
            if (!s.isFinished() || out.position() != data.length
                    || !java.util.Arrays.equals(data, 0, data.length, out.array(), 0, data.length)) {
                problems.add(a + " decompression stream finished with other bytes than the data (served by " + served
                        + ")");
            }
        } catch (WdException x) {
            problems.add(a + " decompression stream failed (served by " + served + "): " + x);
        }
    }
}
