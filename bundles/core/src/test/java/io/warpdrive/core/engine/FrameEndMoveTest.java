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
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.format.Xxh32;
import io.warpdrive.lib.format.Xxh64;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A zstd or LZ4 compression stream whose engine goes away moves: the platform ends the frame the
 * old engine began (zstd: an empty last raw block, LZ4: the EndMark; then the content checksum it
 * hashed from the input, when the frame has one) and the next engine begins a new frame. The
 * fakes' "codec" copies, so the caller's output shows exactly where the platform wrote the end:
 * right after the last output the old engine delivered, and the checksum is that of the input
 * before it. The engine is stopped before every request, between requests (driver removed) and in
 * the middle of one (device error), with output spaces larger and smaller than a request's output.
 * With real codecs, frames with and without a checksum, checked by zstd-jni and lz4-java: the
 * reliability module's StreamMoveTest.
 */
class FrameEndMoveTest {
    private static final int PIECE = 100;
    private static final int PIECES = 6;

    private static byte[] data() {
        byte[] d = new byte[PIECE * PIECES];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
        }
        return d;
    }

    @ParameterizedTest
    @CsvSource({"ZSTD, 300", "LZ4, 300", "ZSTD, 33", "LZ4, 33"})
    void theDriverRemovedBeforeEachRequestEndsTheOldFrameAndTheNextEngineStartsANewOne(Algorithm algorithm,
            int outSpace) throws Exception {
        byte[] data = data();
        for (int stop = 0; stop < PIECES; stop++) {
            try (TestPlatform p = new TestPlatform()) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                int at = stop;
                List<String> served = new ArrayList<>();
                byte[] out = compress(p, algorithm, data, outSpace, i -> {
                    if (i == at) {
                        p.remove(hw);
                    }
                }, served);
                assertArrayEquals(expected(algorithm, data, stop * PIECE), out,
                        "hw removed before piece " + stop + ": " + served);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ZSTD", "LZ4"})
    void aDeviceErrorDuringARequestEndsTheOldFrameBeforeThatRequestsOutput(Algorithm algorithm)
            throws Exception {
        byte[] data = data();
        for (int stop = 0; stop < PIECES; stop++) {
            try (TestPlatform p = new TestPlatform()) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                int at = stop;
                List<String> served = new ArrayList<>();
                byte[] out = compress(p, algorithm, data, 300, i -> {
                    if (i == at) {
                        hw.failWith = WdStatus.DEVICE_ERROR; // the request in flight fails on the device
                    }
                }, served);
                assertArrayEquals(expected(algorithm, data, stop * PIECE), out,
                        "device error at piece " + stop + ": " + served);
                assertTrue(soft.streamsOpened.get() >= 1, "the stream went on on the CPU");
            }
        }
    }

    /** A request whose output the platform could not hold behind the old frame's end fails, saying why. */
    @ParameterizedTest
    @CsvSource({"ZSTD", "LZ4"})
    void aRequestTooLargeToHoldBehindTheFrameEndFailsCleanly(Algorithm algorithm) throws Exception {
        byte[] data = data();
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession s = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(algorithm));
            Request r = s.newRequest();
            ByteBuffer dst = ByteBuffer.allocate(300);
            s.execute(r.source(ByteBuffer.wrap(data, 0, PIECE)).destination(dst).flush(Flush.NONE));
            assertEquals(PIECE, r.produced());
            p.remove(hw);
            ByteBuffer large = ByteBuffer.allocate(9 << 20);
            ByteBuffer room = ByteBuffer.allocate(10 << 20);
            WdException x = assertThrows(WdException.class,
                    () -> s.execute(r.source(large).destination(room).flush(Flush.NONE)));
            assertEquals(WdStatus.DRIVER_GONE, x.status());
            assertTrue(x.getMessage().contains("cannot continue") && x.getMessage().contains("frame"), x.getMessage());
            assertEquals(0, room.position(), "nothing delivered");
        }
    }

    /**
     * The data, the end of the first frame after {@code moved} bytes (none when 0) with its content
     * checksum (the default frame options), then the rest.
     */
    private static byte[] expected(Algorithm algorithm, byte[] data, int moved) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(data, 0, moved);
        if (moved > 0) {
            b.writeBytes(algorithm == Algorithm.ZSTD ? new byte[] {1, 0, 0} : new byte[4]);
            ByteBuffer content = ByteBuffer.wrap(data, 0, moved);
            int hash = algorithm == Algorithm.ZSTD ? (int) Xxh64.hash(content, 0, moved, 0)
                    : Xxh32.hash(content, 0, moved, 0);
            b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(hash).array());
        }
        b.write(data, moved, data.length - moved);
        return b.toByteArray();
    }

    /**
     * Compresses {@code data} as one stream in pieces (the last with FINISH) into output spaces of
     * {@code outSpace} bytes, running {@code beforePiece} before each piece; adds who served each request.
     */
    private static byte[] compress(TestPlatform p, Algorithm algorithm, byte[] data, int outSpace,
            java.util.function.IntConsumer beforePiece, List<String> served) {
        StreamSession s = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(algorithm));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Request r = s.newRequest();
        for (int i = 0; i < PIECES; i++) {
            beforePiece.accept(i);
            ByteBuffer src = ByteBuffer.wrap(data, i * PIECE, PIECE);
            Flush flush = i == PIECES - 1 ? Flush.FINISH : Flush.NONE;
            do {
                ByteBuffer dst = ByteBuffer.allocate(outSpace);
                s.execute(r.source(src).destination(dst).flush(flush));
                assertEquals(dst.position(), r.produced(), "the request says what it delivered");
                out.write(dst.array(), 0, dst.position());
                served.add(r.servedBy());
            } while (flush == Flush.FINISH ? !s.isFinished() : src.hasRemaining() || r.produced() == outSpace);
        }
        return out.toByteArray();
    }
}
