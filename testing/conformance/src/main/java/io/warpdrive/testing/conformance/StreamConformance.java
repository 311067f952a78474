package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams through the driver under test, in pieces: input in odd-sized pieces into output
 * space smaller than what each piece produces (so the driver must hold output back and
 * hand it over on the next call), SYNC flushes that make everything so far decodable, a
 * gzip header with every optional field fed one byte at a time, concatenated members,
 * trailing data, and a truncated stream.
 */
public abstract class StreamConformance extends DriverConformance {
    private static final int[] PIECES = {1, 7, 4093, 65537, 77777};

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void compressInPiecesIntoSmallOutputs(Algorithm algorithm) throws IOException {
        byte[] original = TestFiles.sample("text", 400_000);
        byte[] compressed = compressStream(algorithm, 1, original, PIECES, 3001, Flush.NONE);
        assertArrayEquals(original, ReferenceCodecs.decompress(algorithm, compressed));
    }

    @Test
    void syncFlushMakesEverythingSoFarDecodable() throws DataFormatException {
        assumeServes(Algorithm.DEFLATE);
        byte[] original = TestFiles.sample("xml", 200_000);
        Inflater reader = new Inflater(true);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        byte[] scratch = new byte[1 << 20];
        try (StreamSession st = stream(Operation.COMPRESS, Algorithm.DEFLATE, 6)) {
            ByteBuffer out = ByteBuffer.allocate(300_000);
            for (int at = 0; at < original.length;) {
                int n = Math.min(30_011, original.length - at);
                ByteBuffer in = ByteBuffer.wrap(original, at, n);
                Request r = st.newRequest().source(in).flush(Flush.SYNC);
                out.clear();
                st.execute(r.destination(out));
                assertServedByDriver(r);
                assertFalse(in.hasRemaining(), "enough room for the whole piece");
                reader.setInput(out.array(), 0, out.position());
                int got;
                while ((got = reader.inflate(scratch)) > 0) {
                    decoded.write(scratch, 0, got);
                }
                at += n;
                assertArrayEquals(Arrays.copyOf(original, at), decoded.toByteArray(),
                        "after a SYNC flush everything so far decodes");
            }
        } finally {
            reader.end();
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void decompressInSmallPiecesIntoSmallOutputs(Algorithm algorithm) {
        byte[] original = TestFiles.sample("binary", 300_000);
        byte[] compressed = algorithm == Algorithm.GZIP
                ? GzipMembers.member(HeaderBytes.gzip().name("ooffice").comment("pieces"), original, 6)
                : ReferenceCodecs.compress(algorithm, 6, original);
        assertArrayEquals(original, decompressStream(algorithm, compressed, new int[] {1, 7, 997, 10_007}, 4093));
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void streamRoundTripThroughTheDriverBothWays(Algorithm algorithm) {
        byte[] original = TestFiles.sample("rows", 600_000);
        byte[] compressed = compressStream(algorithm, 6, original, new int[] {65536, 131072}, 50_000, Flush.NONE);
        assertArrayEquals(original, decompressStream(algorithm, compressed, new int[] {10_007}, 64 * 1024));
    }

    @Test
    void gzipHeaderWithEveryOptionalFieldFedOneByteAtATime() {
        byte[] data = TestFiles.sample("xml", 20_000);
        byte[] member = GzipMembers.member(HeaderBytes.gzip().text().extra(new byte[] {1, 2, 3, 4}).name("name.txt")
                .comment("comment").headerCrc(), data, 6);
        assertArrayEquals(data, decompressStream(Algorithm.GZIP, member, new int[] {1}, 100_000));
    }

    @Test
    void concatenatedMembersInOneStream() {
        byte[] a = TestFiles.sample("text", 50_000);
        byte[] b = TestFiles.sample("rows", 30_000);
        byte[] members = GzipMembers.concat(GzipMembers.member(HeaderBytes.gzip().name("a"), a, 6),
                GzipMembers.member(HeaderBytes.gzip().name("empty"), new byte[0], 6),
                GzipMembers.member(HeaderBytes.gzip(), b, 9));
        assertArrayEquals(GzipMembers.concat(a, b), decompressStream(Algorithm.GZIP, members, new int[] {members.length},
                200_000));
        assertArrayEquals(GzipMembers.concat(a, b), decompressStream(Algorithm.GZIP, members, new int[] {3, 1000},
                7777));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ZLIB", "DEFLATE"})
    void dataAfterTheEndIsLeftUnconsumed(Algorithm algorithm) {
        byte[] data = TestFiles.sample("xml", 30_000);
        byte[] compressed = ReferenceCodecs.compress(algorithm, 6, data);
        byte[] withTrailing = GzipMembers.concat(compressed, "TRAILING".getBytes());
        try (StreamSession st = stream(Operation.DECOMPRESS, algorithm, 6)) {
            ByteBuffer in = ByteBuffer.wrap(withTrailing);
            ByteBuffer out = ByteBuffer.allocate(data.length + 100);
            Request r = st.newRequest().source(in).destination(out).flush(Flush.FINISH);
            st.execute(r);
            assertServedByDriver(r);
            assertTrue(r.endOfStream());
            assertTrue(st.isFinished());
            assertEquals(compressed.length, r.consumed(), "the trailing bytes are not consumed");
            assertArrayEquals(data, Arrays.copyOf(out.array(), out.position()));
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void truncatedStreamWithFinishIsTruncatedInput(Algorithm algorithm) {
        byte[] compressed = ReferenceCodecs.compress(algorithm, 6, TestFiles.sample("text", 40_000));
        try (StreamSession st = stream(Operation.DECOMPRESS, algorithm, 6)) {
            ByteBuffer in = ByteBuffer.wrap(compressed, 0, compressed.length / 2);
            Request r = st.newRequest().source(in).destination(ByteBuffer.allocate(100_000)).flush(Flush.FINISH);
            WdException e = assertThrows(WdException.class, () -> st.execute(r));
            assertEquals(WdStatus.TRUNCATED_INPUT, e.status(), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void anEmptyStreamIsAValidStream(Algorithm algorithm) throws IOException {
        byte[] compressed = compressStream(algorithm, 6, new byte[0], PIECES, 100, Flush.NONE);
        assertArrayEquals(new byte[0], ReferenceCodecs.decompress(algorithm, compressed));
    }

    // ---- helpers ------------------------------------------------------------------

    /**
     * Compresses {@code data} in pieces whose sizes cycle through {@code pieces}, each with
     * {@code flush}, then FINISH, into destinations of {@code room} bytes, repeating each
     * request until its input is consumed.
     */
    protected final byte[] compressStream(Algorithm algorithm, int level, byte[] data, int[] pieces, int room,
            Flush flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSession st = stream(Operation.COMPRESS, algorithm, level)) {
            ByteBuffer destination = ByteBuffer.allocate(room);
            Request r = st.newRequest();
            int at = 0;
            for (int i = 0; at < data.length; i++) {
                int n = Math.min(pieces[i % pieces.length], data.length - at);
                ByteBuffer source = ByteBuffer.wrap(data, at, n);
                do {
                    destination.clear();
                    int before = source.position();
                    st.execute(r.source(source).destination(destination).flush(flush));
                    assertServedByDriver(r);
                    assertFalse(r.endOfStream(), "the end only comes with FINISH");
                    out.write(destination.array(), 0, destination.position());
                    if (source.position() == before && destination.position() == 0) {
                        fail("no progress at input byte " + at);
                    }
                } while (source.hasRemaining());
                at += n;
            }
            ByteBuffer none = ByteBuffer.allocate(0);
            for (int calls = 0; !r.endOfStream() || calls == 0; calls++) {
                if (calls > 100_000) {
                    fail("FINISH never ended the stream");
                }
                destination.clear();
                st.execute(r.source(none).destination(destination).flush(Flush.FINISH));
                assertServedByDriver(r);
                out.write(destination.array(), 0, destination.position());
            }
            assertTrue(st.isFinished());
        }
        return out.toByteArray();
    }

    /**
     * Decompresses {@code compressed} fed in pieces whose sizes cycle through
     * {@code pieces} (the last one with FINISH), into destinations of {@code room} bytes.
     */
    protected final byte[] decompressStream(Algorithm algorithm, byte[] compressed, int[] pieces, int room) {
        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        try (StreamSession st = stream(Operation.DECOMPRESS, algorithm, 6)) {
            ByteBuffer out = ByteBuffer.allocate(room);
            Request r = st.newRequest();
            int at = 0;
            for (int i = 0; at < compressed.length; i++) {
                int n = Math.min(pieces[i % pieces.length], compressed.length - at);
                boolean last = at + n == compressed.length;
                ByteBuffer in = ByteBuffer.wrap(compressed, at, n);
                int calls = 0;
                do {
                    out.clear();
                    st.execute(r.source(in).destination(out).flush(last ? Flush.FINISH : Flush.NONE));
                    assertServedByDriver(r);
                    restored.write(out.array(), 0, out.position());
                    if (++calls > 1_000_000) {
                        fail("no end at compressed byte " + at);
                    }
                } while (in.hasRemaining() || (!r.endOfStream() && out.position() == out.capacity())
                        || (last && !r.endOfStream()));
                at += n;
            }
            assertTrue(st.isFinished(), "the stream ended with the input");
        }
        return restored.toByteArray();
    }
}
