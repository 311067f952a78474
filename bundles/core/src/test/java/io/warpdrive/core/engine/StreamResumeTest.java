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
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A decompression stream whose engine goes away resumes on another engine from its last resume
 * point: the platform replays the input kept since then, discards the output delivered before
 * and checks its last bytes. The fakes' "codec" copies (decompression is deterministic, output
 * is input), so every byte of the output says where it came from: the stream is stopped before
 * every request, between requests (driver removed) and in the middle of one (device error), and
 * the caller's output must be the input, each byte once. The cap on kept input and the check of
 * the re-produced output make the stream fail instead, having delivered nothing twice.
 */
class StreamResumeTest {
    private static final int PIECE = 100;
    private static final int PIECES = 8;

    private static byte[] data() {
        byte[] d = new byte[PIECE * PIECES];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
        }
        return d;
    }

    @Test
    void aDecompressionStreamResumesAtEveryRequestBoundaryWhenItsDriverGoes() throws Exception {
        byte[] data = data();
        for (int stop = 0; stop <= PIECES; stop++) {
            try (TestPlatform p = new TestPlatform()) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Request r = s.newRequest();
                for (int i = 0; i < PIECES; i++) {
                    if (i == stop) {
                        p.remove(hw);
                    }
                    String servedBy = piece(s, r, data, i, out);
                    assertEquals(i < stop ? "hw" : "soft", servedBy, "piece " + i + " with the stop at " + stop);
                }
                assertArrayEquals(data, out.toByteArray(), "stopped before piece " + stop);
                assertTrue(s.isFinished());
                assertEquals(stop > 0 && stop < PIECES ? 1 : 0, p.usage().streamContinuity().moves(),
                        "a resume counts once; a stream not yet on an engine does not move");
            }
        }
    }

    @Test
    void aDecompressionStreamResumesWhenARequestFailsOnItsDevice() throws Exception {
        byte[] data = data();
        for (int stop = 0; stop < PIECES; stop++) {
            try (TestPlatform p = new TestPlatform()) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Request r = s.newRequest();
                for (int i = 0; i < PIECES; i++) {
                    if (i == stop) {
                        hw.failWith = WdStatus.DEVICE_ERROR; // the request in flight fails on the device
                    }
                    piece(s, r, data, i, out);
                }
                assertArrayEquals(data, out.toByteArray(), "failed at piece " + stop);
                assertTrue(soft.streamsOpened.get() >= 1, "the stream went on on the CPU");
            }
        }
    }

    @Test
    void aStreamPastTheCapOnKeptInputFailsSayingItCannotResume() throws Exception {
        Settings.Builder b = new Settings.Builder();
        b.streamResumeInputLimit = 2 * PIECE + 50;
        byte[] data = data();
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Request r = s.newRequest();
            for (int i = 0; i < 3; i++) {
                piece(s, r, data, i, out);
            }
            p.remove(hw);
            WdException x = assertThrows(WdException.class, () -> piece(s, r, data, 3, out));
            assertEquals(WdStatus.DRIVER_GONE, x.status());
            assertTrue(x.getMessage().contains("cannot continue on another engine")
                    && x.getMessage().contains("stream.resume.input.mb"), x.getMessage());
            assertArrayEquals(Arrays.copyOf(data, 3 * PIECE), out.toByteArray(), "nothing more, nothing twice");
        }
    }

    @Test
    void theEndOfAStreamIsANewResumePointUnderTheCap() throws Exception {
        Settings.Builder b = new Settings.Builder();
        b.streamResumeInputLimit = 2 * PIECE + 50;
        byte[] data = data();
        try (TestPlatform p = new TestPlatform(b.build())) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Request r = s.newRequest();
            for (int i = 0; i < 3; i++) {
                piece(s, r, data, i, out); // past the cap: no resume point left
            }
            // The copying fake ends a stream at FINISH: a member ends here, the next one starts.
            ByteBuffer dst = ByteBuffer.allocate(PIECE);
            s.execute(r.source(ByteBuffer.wrap(data, 3 * PIECE, PIECE)).destination(dst).flush(Flush.FINISH));
            assertTrue(r.endOfStream());
            out.write(dst.array(), 0, dst.position());
            piece(s, r, data, 4, out);
            p.remove(hw);
            for (int i = 5; i < PIECES; i++) {
                assertEquals("soft", piece(s, r, data, i, out));
            }
            assertArrayEquals(data, out.toByteArray());
        }
    }

    @Test
    void outputTheNewEngineProducesOtherwiseFailsTheStreamAndNothingIsDeliveredTwice() throws Exception {
        byte[] data = data();
        try (TestPlatform p = new TestPlatform()) {
            FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
            FakeDriver soft = p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            soft.tokenOutput = true; // its "decompression" of the kept input is one byte: not what was delivered
            StreamSession s = p.compressor("c").openStream(Operation.DECOMPRESS, SessionSpec.of(Algorithm.GZIP));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Request r = s.newRequest();
            piece(s, r, data, 0, out);
            piece(s, r, data, 1, out);
            p.remove(hw);
            ByteBuffer dst = ByteBuffer.allocate(PIECE);
            WdException x = assertThrows(WdException.class,
                    () -> s.execute(r.source(ByteBuffer.wrap(data, 2 * PIECE, PIECE)).destination(dst)));
            assertEquals(WdStatus.DEVICE_ERROR, x.status());
            assertTrue(x.getMessage().contains("cannot resume") && x.getMessage().contains("differs"), x.getMessage());
            assertEquals(0, dst.position(), "nothing delivered");
            assertArrayEquals(Arrays.copyOf(data, 2 * PIECE), out.toByteArray());
        }
    }

    /**
     * A compression stream whose caller's output space is smaller than a request's output moves
     * before every request: the platform holds the output beyond the space (the engine has none
     * left inside), the caller gets it first at its next requests, each byte once. The fakes copy:
     * the output is the input, then the gzip trailer the platform writes after a move.
     */
    @Test
    void aCompressionStreamWithOutputBeyondItsSpaceMovesAtEveryRequestBoundary() throws Exception {
        byte[] data = data();
        for (int stop = 1; stop <= PIECES; stop++) {
            try (TestPlatform p = new TestPlatform()) {
                FakeDriver hw = p.add(new FakeDriver("hw", CalcType.HW, 100));
                p.add(new FakeDriver("soft", CalcType.SOFT, 0));
                StreamSession s = p.compressor("c").openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Request r = s.newRequest();
                java.util.List<String> served = new java.util.ArrayList<>();
                for (int i = 0; i < PIECES; i++) {
                    ByteBuffer src = ByteBuffer.wrap(data, i * PIECE, PIECE);
                    Flush flush = i == PIECES - 1 ? Flush.FINISH : Flush.NONE;
                    do {
                        if (served.size() == stop * 3) {
                            p.remove(hw); // between two requests, with output held for the caller
                        }
                        ByteBuffer dst = ByteBuffer.allocate(PIECE / 3);
                        s.execute(r.source(src).destination(dst).flush(flush));
                        assertEquals(dst.position(), r.produced());
                        out.write(dst.array(), 0, dst.position());
                        served.add(r.servedBy());
                    } while (flush == Flush.FINISH ? !s.isFinished() : src.hasRemaining() || r.produced() == PIECE / 3);
                }
                byte[] got = out.toByteArray();
                assertArrayEquals(data, Arrays.copyOf(got, data.length), "stopped after " + stop * 3 + ": " + served);
                assertTrue(served.contains("platform"), "output was held: " + served);
                assertEquals(stop * 3 < served.size(), served.contains("soft"), served.toString());
                assertEquals(served.contains("soft") ? data.length + 8 : data.length, got.length,
                        "the gzip trailer after a move, nothing more");
                assertEquals(served.contains("soft") ? 1 : 0, p.usage().streamContinuity().moves(), "a move counts once");
            }
        }
    }

    /** Decompresses piece {@code i} (the last with FINISH) into room for exactly it; returns who served it. */
    private static String piece(StreamSession s, Request r, byte[] data, int i, ByteArrayOutputStream out) {
        ByteBuffer dst = ByteBuffer.allocate(PIECE);
        s.execute(r.source(ByteBuffer.wrap(data, i * PIECE, PIECE)).destination(dst)
                .flush(i == PIECES - 1 ? Flush.FINISH : Flush.NONE));
        assertEquals(PIECE, r.consumed(), "the request consumed its piece");
        assertEquals(dst.position(), r.produced(), "the request says what it delivered");
        out.write(dst.array(), 0, dst.position());
        return r.servedBy();
    }
}
