package io.warpdrive.reliability.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A compression stream whose engine goes away continues on the next engine as one valid stream
 * (its output inflated by java.util.zip, which checks the gzip CRC-32 and the zlib Adler-32):
 * from hisi_zip (emulated) to the CPU, primed with the last window, and from the CPU to hisi_zip,
 * which takes no dictionary; the platform's trailer written through an output space of a few
 * bytes at a time; a stream whose output its caller's space could not take, the platform holding
 * the rest. A decompression stream resumes on the next engine from its last resume point,
 * whichever of its requests the engine goes away before, for each format.
 */
class StreamMoveTest {
    private static final int PIECE = 64 * 1024;

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aCompressionStreamMovesFromHardwareToTheCpu(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(3 << 20, 11);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            e.platform.bind(e.uacce.driver());
            e.awaitHardware();
            try (StreamSession s = e.stream(Operation.COMPRESS, algorithm)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int half = data.length / 2;
                String first = feed(s, data, 0, half, false, out, PIECE + 4096);
                assertEquals("hisi_zip", first, "the stream started on the hardware");
                e.platform.unbind(e.uacce.driver()); // the hardware goes away between two requests
                String next = feed(s, data, half, data.length, true, out, 16);
                assertEquals("soft", next, "the stream continued on the CPU");
                assertTrue(s.isFinished());
                assertArrayEquals(data, StreamData.inflate(algorithm, out.toByteArray()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aCompressionStreamMovesFromTheCpuToHardwareWithoutADictionary(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(1 << 20, 12);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            try (StreamSession s = e.stream(Operation.COMPRESS, algorithm)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int half = data.length / 2;
                assertEquals("soft", feed(s, data, 0, half, false, out, PIECE + 4096));
                e.platform.bind(e.uacce.driver());
                e.awaitHardware();
                e.platform.unbind(e.soft.driver());
                assertEquals("hisi_zip", feed(s, data, half, data.length, true, out, PIECE + 4096));
                assertArrayEquals(data, StreamData.inflate(algorithm, out.toByteArray()));
            }
        }
    }

    /**
     * A decompression stream resumes on the CPU whichever of its requests hisi_zip goes away
     * before: input in 2 KiB pieces into 6 KiB of output space, so that output is often still
     * inside the engine when it goes. Its output is the data, byte for byte, each byte once.
     */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aDecompressionStreamResumesOnTheCpuAtEveryRequestBoundary(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(48 * 1024, 13);
        byte[] packed = StreamData.pack(algorithm, data);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            int requests = Integer.MAX_VALUE;
            int resumed = 0;
            for (int stop = 0; stop <= requests; stop++) {
                e.platform.bind(e.uacce.driver());
                e.awaitHardware();
                boolean[] gone = {false};
                java.util.List<String> served = new java.util.ArrayList<>();
                try (StreamSession s = e.stream(Operation.DECOMPRESS, algorithm)) {
                    byte[] out = decompress(s, packed, stop, () -> {
                        e.platform.unbind(e.uacce.driver());
                        gone[0] = true;
                    }, served);
                    assertArrayEquals(data, out, "hisi_zip gone before request " + stop);
                }
                if (!gone[0]) {
                    e.platform.unbind(e.uacce.driver());
                }
                requests = Math.min(requests, served.size());
                assertFalse(served.subList(Math.min(stop, served.size()), served.size()).contains("hisi_zip"),
                        "nothing served by hisi_zip once it went: " + served);
                if (stop > 0 && stop < served.size() && served.get(stop - 1).equals("hisi_zip")) {
                    resumed++; // AUTO picks by predicted finish time: a stream may have started on the CPU
                }
            }
            assertTrue(resumed > 0, "no stream of " + requests + " resumed from hisi_zip");
        }
    }

    /**
     * A zstd or LZ4 decompression stream resumes on a fresh zstd-lz4 driver (its bundle restarted)
     * whichever of its requests the first one goes away before.
     */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ZSTD", "LZ4"})
    void aZstdOrLz4DecompressionStreamResumesOnARestartedDriverAtEveryRequestBoundary(Algorithm algorithm)
            throws Exception {
        byte[] data = StreamData.text(48 * 1024, 15);
        byte[] packed = StreamData.pack(algorithm, data);
        try (Engines e = new Engines(false)) {
            int requests = Integer.MAX_VALUE;
            for (int stop = 0; stop <= requests; stop++) {
                StartedDriver<ZstdLz4Driver> first = TestDrivers.zstdLz4();
                StartedDriver<ZstdLz4Driver> second = TestDrivers.zstdLz4();
                e.platform.bind(first.driver());
                java.util.List<String> served = new java.util.ArrayList<>();
                try (StreamSession s = e.stream(Operation.DECOMPRESS, algorithm)) {
                    byte[] out = decompress(s, packed, stop, () -> {
                        e.platform.unbind(first.driver());
                        e.platform.bind(second.driver());
                    }, served);
                    assertArrayEquals(data, out, "zstd-lz4 restarted before request " + stop);
                } finally {
                    e.platform.unbind(first.driver());
                    e.platform.unbind(second.driver());
                    first.close();
                    second.close();
                }
                requests = Math.min(requests, served.size());
            }
        }
    }

    /**
     * A zstd or LZ4 compression stream moves to a fresh zstd-lz4 driver (its bundle restarted)
     * whichever of its requests the first one goes away before: the platform ends the first frame
     * (with the content checksum it hashed, where the frame has one) and the next driver begins a
     * new one. zstd-jni and lz4-java read the output as the data, byte for byte, each byte once, and
     * checking the checksum: a flipped bit in the platform's checksum is caught. Output spaces larger
     * than a request's output and smaller (the platform holds the rest).
     */
    @ParameterizedTest
    @CsvSource({"ZSTD, true, 40000", "ZSTD, false, 40000", "LZ4, true, 40000", "LZ4, false, 40000",
            "ZSTD, true, 3000", "LZ4, true, 3000"})
    void aZstdOrLz4CompressionStreamMovesToARestartedDriverAtEveryRequestBoundary(Algorithm algorithm,
            boolean checksum, int outSpace) throws Exception {
        byte[] data = StreamData.text(8 * 16 * 1024, 16);
        SessionSpec spec = SessionSpec.of(algorithm).withFrame(FrameOptions.DEFAULT.withContentChecksum(checksum));
        try (Engines e = new Engines(false)) {
            int requests = Integer.MAX_VALUE;
            int moved = 0;
            for (int stop = 0; stop <= requests; stop++) {
                StartedDriver<ZstdLz4Driver> first = TestDrivers.zstdLz4();
                StartedDriver<ZstdLz4Driver> second = TestDrivers.zstdLz4();
                e.platform.bind(first.driver());
                java.util.List<String> served = new java.util.ArrayList<>();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int[] frameEnd = {-1};
                try (StreamSession s = e.platform.compressorFor("io.warpdrive.reliability.streams")
                        .openStream(Operation.COMPRESS, spec)) {
                    compress(s, data, 16 * 1024, outSpace, stop, () -> {
                        e.platform.unbind(first.driver());
                        e.platform.bind(second.driver());
                        frameEnd[0] = out.size(); // the old frame ends here
                    }, out, served);
                    assertTrue(s.isFinished());
                } finally {
                    e.platform.unbind(first.driver());
                    e.platform.unbind(second.driver());
                    first.close();
                    second.close();
                }
                byte[] packed = out.toByteArray();
                assertArrayEquals(data, StreamData.inflate(algorithm, packed), "zstd-lz4 restarted before request "
                        + stop + ": " + served);
                requests = Math.min(requests, served.size());
                // Moved after output: an engine served after the stop (not only the platform's held output).
                boolean movedAfterOutput = frameEnd[0] > 0
                        && served.subList(Math.min(stop, served.size()), served.size()).contains(ZstdLz4Driver.NAME);
                assertEquals(movedAfterOutput ? 2 : 1, StreamData.frames(algorithm, packed),
                        "a frame the platform ended, then the next driver's: " + served);
                if (movedAfterOutput) {
                    moved++;
                    // The frame the platform ended could be ended early: its header declares no content size.
                    assertEquals(algorithm == Algorithm.ZSTD ? -1 : 0, algorithm == Algorithm.ZSTD
                            ? com.github.luben.zstd.Zstd.getFrameContentSize(packed) : packed[4] & 0x08);
                }
                // Nothing held (large output spaces): the old frame ends where the caller's output stood.
                if (checksum && movedAfterOutput && outSpace > 2 * 16 * 1024) {
                    int at = frameEnd[0] + (algorithm == Algorithm.ZSTD ? 3 : 4); // after the last block or EndMark
                    packed[at] ^= 0x10;
                    assertThrows(java.io.IOException.class, () -> StreamData.inflate(algorithm, packed),
                            "the platform's content checksum is checked");
                }
            }
            assertTrue(moved > 0, "a stream moved after output");
        }
    }

    /**
     * Compresses {@code data} as one stream in pieces of {@code piece} bytes (the last with FINISH)
     * into output spaces of {@code outSpace} bytes, running {@code stop} before request number
     * {@code before} (0: the first); adds who served each request.
     */
    static void compress(StreamSession s, byte[] data, int piece, int outSpace, int before, Runnable stop,
            ByteArrayOutputStream out, java.util.List<String> served) {
        Request r = s.newRequest();
        ByteBuffer dst = ByteBuffer.allocate(outSpace);
        for (int at = 0; at < data.length; at += piece) {
            int n = Math.min(piece, data.length - at);
            Flush flush = at + n == data.length ? Flush.FINISH : Flush.NONE;
            ByteBuffer src = ByteBuffer.wrap(data, at, n);
            do {
                if (served.size() == before) {
                    stop.run();
                }
                dst.clear();
                s.execute(r.source(src).destination(dst).flush(flush));
                assertEquals(dst.position(), r.produced(), "the request says what it delivered");
                out.write(dst.array(), 0, dst.position());
                served.add(r.servedBy());
            } while (flush == Flush.FINISH ? !s.isFinished() : src.hasRemaining() || !dst.hasRemaining());
        }
    }

    /**
     * Decompresses {@code packed} as one stream, in 2 KiB pieces into 6 KiB of output space, running
     * {@code stop} before request number {@code before} (0: the first); adds who served each request.
     */
    static byte[] decompress(StreamSession s, byte[] packed, int before, Runnable stop, java.util.List<String> served) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Request r = s.newRequest();
        ByteBuffer dst = ByteBuffer.allocate(6 * 1024);
        for (int at = 0; at < packed.length; at += 2048) {
            int n = Math.min(2048, packed.length - at);
            boolean last = at + n == packed.length;
            ByteBuffer src = ByteBuffer.wrap(packed, at, n);
            do {
                if (served.size() == before) {
                    stop.run();
                }
                dst.clear();
                s.execute(r.source(src).destination(dst).flush(Flush.NONE));
                assertEquals(dst.position(), r.produced(), "the request says what it delivered");
                out.write(dst.array(), 0, dst.position());
                served.add(r.servedBy());
            } while (last ? !s.isFinished() : src.hasRemaining() || !dst.hasRemaining());
        }
        return out.toByteArray();
    }

    /**
     * A compression stream whose caller gives less output space than a request's output moves all
     * the same: the platform, not the engine, holds the rest of that output (the caller gets it at
     * its next requests), so the request ends at a flush point. The output is one valid stream.
     */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aCompressionStreamWithOutputBeyondItsOutputSpaceMoves(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(1 << 20, 14);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            e.platform.bind(e.uacce.driver());
            e.awaitHardware();
            try (StreamSession s = e.stream(Operation.COMPRESS, algorithm)) {
                // 64 KiB of input into 64 bytes of output space: the rest of the output is more than the space
                ByteBuffer src = ByteBuffer.wrap(data, 0, PIECE);
                ByteBuffer dst = ByteBuffer.allocate(64);
                Request r = s.newRequest().source(src).destination(dst).flush(Flush.NONE);
                s.execute(r);
                assertEquals("hisi_zip", r.servedBy());
                assertFalse(src.hasRemaining(), "the engine took all of the input");
                assertEquals(dst.capacity(), dst.position(), "the output space is full: more output is held");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(dst.array(), 0, dst.position());
                e.platform.unbind(e.uacce.driver());
                java.util.Set<String> served = new java.util.HashSet<>();
                feed(s, data, PIECE, 3 * PIECE, true, out, 100, served);
                assertEquals(java.util.Set.of("platform", "soft"), served, "the held output, then the CPU");
                assertTrue(s.isFinished());
                assertArrayEquals(java.util.Arrays.copyOf(data, 3 * PIECE), StreamData.inflate(algorithm,
                        out.toByteArray()));
            }
        }
    }

    /**
     * Feeds {@code data[from, to)} in pieces (the last with FINISH when {@code finish}), output
     * spaces of {@code outSpace} bytes; returns the driver that served the last piece.
     */
    static String feed(StreamSession s, byte[] data, int from, int to, boolean finish, ByteArrayOutputStream out,
            int outSpace) {
        return feed(s, data, from, to, finish, out, outSpace, new java.util.HashSet<>());
    }

    /** As above, adding each driver that served a piece (or "platform") to {@code engines}. */
    static String feed(StreamSession s, byte[] data, int from, int to, boolean finish, ByteArrayOutputStream out,
            int outSpace, java.util.Set<String> engines) {
        Request r = s.newRequest();
        ByteBuffer dst = ByteBuffer.allocate(outSpace);
        String servedBy = null;
        for (int at = from, n; at < to; at += n) {
            n = Math.min(PIECE, to - at);
            Flush flush = finish && at + n == to ? Flush.FINISH : Flush.NONE;
            ByteBuffer src = ByteBuffer.wrap(data, at, n);
            boolean more;
            do {
                dst.clear();
                r.source(src).destination(dst).flush(flush);
                s.execute(r);
                out.write(dst.array(), 0, dst.position());
                if (!"platform".equals(r.servedBy())) {
                    servedBy = r.servedBy();
                }
                engines.add(r.servedBy());
                more = flush == Flush.FINISH ? !s.isFinished() : src.hasRemaining() || !dst.hasRemaining();
            } while (more);
        }
        return servedBy;
    }

    /** The soft driver and hisi_zip over one emulated device, and a platform to bind them to. */
    static final class Engines implements AutoCloseable {
        final StartedDriver<SoftDriver> soft = TestDrivers.soft(Map.of("workers", 1));
        /** One emulator at a time in a process: a test that brings its own passes false. */
        final StartedDriver<UacceDriver> uacce;
        final TestPlatform platform = TestPlatform.builder().queuesPerDevice(1).waitTimeout(Duration.ofSeconds(5))
                .build();

        Engines() {
            this(true);
        }

        Engines(boolean withHardware) {
            uacce = withHardware ? TestDrivers.emulatedHisiZip(1, "api=hisi_qm_v3;depth=64", Map.of()) : null;
        }

        void awaitHardware() {
            for (Operation op : Operation.values()) {
                assertTrue(platform.platform().awaitQueue(Algorithm.GZIP, op, FallbackPolicy.HARDWARE_ONLY,
                        Duration.ofSeconds(20)), "a hisi_zip queue");
            }
        }

        StreamSession stream(Operation op, Algorithm algorithm) {
            return platform.compressorFor("io.warpdrive.reliability.streams")
                    .openStream(op, SessionSpec.of(algorithm).withLevel(6));
        }

        @Override
        public void close() throws Exception {
            platform.close();
            if (uacce != null) {
                uacce.close(); // fails if a queue is still open at the device
            }
            soft.close();
        }
    }
}
