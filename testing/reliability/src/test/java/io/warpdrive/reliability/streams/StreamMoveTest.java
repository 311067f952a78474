package io.warpdrive.reliability.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A compression stream whose engine goes away continues on the next engine as one valid stream
 * (its output inflated by java.util.zip, which checks the gzip CRC-32 and the zlib Adler-32):
 * from hisi_zip (emulated) to the CPU, primed with the last window, and from the CPU to hisi_zip,
 * which takes no dictionary; the platform's trailer written through an output space of a few
 * bytes at a time. A decompression stream cannot move, nor a compression stream whose output was
 * still pending inside its engine (its output space was too small): each fails with DRIVER_GONE
 * and says why, having delivered nothing twice.
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

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aDecompressionStreamWhoseEngineWentAwayFailsAndSaysWhy(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(1 << 20, 13);
        byte[] packed = StreamData.deflate(algorithm, data);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            e.platform.bind(e.uacce.driver());
            e.awaitHardware();
            try (StreamSession s = e.stream(Operation.DECOMPRESS, algorithm)) {
                ByteBuffer out = ByteBuffer.allocate(data.length);
                int half = packed.length / 2;
                s.process(ByteBuffer.wrap(packed, 0, half), out, Flush.NONE);
                int delivered = out.position();
                e.platform.unbind(e.uacce.driver());
                WdException x = org.junit.jupiter.api.Assertions.assertThrows(WdException.class,
                        () -> s.process(ByteBuffer.wrap(packed, half, packed.length - half), out, Flush.FINISH));
                assertEquals(WdStatus.DRIVER_GONE, x.status());
                assertTrue(x.getMessage().contains("decompression stream cannot continue on another engine"),
                        x.getMessage());
                assertEquals(delivered, out.position(), "nothing more delivered");
                assertArrayEquals(java.util.Arrays.copyOf(data, delivered), java.util.Arrays.copyOf(out.array(),
                        delivered), "what was delivered is the data's beginning, once");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GZIP", "ZLIB", "DEFLATE"})
    void aCompressionStreamWithOutputPendingInsideItsEngineFailsAndSaysWhy(Algorithm algorithm) throws Exception {
        byte[] data = StreamData.text(1 << 20, 14);
        try (Engines e = new Engines()) {
            e.platform.bind(e.soft.driver());
            e.platform.bind(e.uacce.driver());
            e.awaitHardware();
            try (StreamSession s = e.stream(Operation.COMPRESS, algorithm)) {
                // 64 KiB of input into 64 bytes of output space: the rest of the output stays in the engine
                ByteBuffer src = ByteBuffer.wrap(data, 0, PIECE);
                ByteBuffer dst = ByteBuffer.allocate(64);
                Request r = s.newRequest().source(src).destination(dst).flush(Flush.NONE);
                s.execute(r);
                assertEquals("hisi_zip", r.servedBy());
                assertEquals(dst.capacity(), dst.position(), "the output space is full: more output is pending");
                byte[] delivered = java.util.Arrays.copyOf(dst.array(), dst.position());
                e.platform.unbind(e.uacce.driver());
                ByteBuffer more = ByteBuffer.allocate(1 << 20);
                WdException x = org.junit.jupiter.api.Assertions.assertThrows(WdException.class,
                        () -> s.execute(r.source(ByteBuffer.wrap(data, PIECE, PIECE)).destination(more)
                                .flush(Flush.FINISH)));
                assertEquals(WdStatus.DRIVER_GONE, x.status());
                assertTrue(x.getMessage().contains("output was still pending inside that engine"), x.getMessage());
                assertEquals(0, more.position(), "nothing more delivered");
                assertArrayEquals(delivered, java.util.Arrays.copyOf(dst.array(), 64), "the first output stays once");
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

    /** As above, adding each driver that served a piece to {@code engines}. */
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
                    engines.add(servedBy);
                }
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
