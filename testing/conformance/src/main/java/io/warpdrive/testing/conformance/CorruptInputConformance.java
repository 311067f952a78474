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
import io.warpdrive.comp.Session;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged input through the driver under test fails with the status that names the damage
 * (a {@link WdException} with a data status, never a device error, which would send the
 * request to another driver), and the driver goes on serving: truncation at every offset,
 * every single bit flipped, wrong magic, wrong checksums, a bad zlib header, a preset
 * dictionary, gibberish, and a corrupt stream.
 */
public abstract class CorruptInputConformance extends DriverConformance {
    private static final Set<WdStatus> DATA_ERRORS =
            EnumSet.of(WdStatus.CORRUPT_INPUT, WdStatus.TRUNCATED_INPUT, WdStatus.CHECKSUM_MISMATCH);

    private final byte[] original = TestFiles.sample("xml", 8_000);

    private byte[] compress(Session s) {
        byte[] compressed = s.compress(original);
        assertTrue(compressed.length < original.length);
        return compressed;
    }

    /** The status of decompressing {@code input} into twice the original's size; OK on success. */
    private WdStatus decompressStatus(Session s, byte[] input, ByteBuffer space) {
        space.clear();
        Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(input)).destination(space);
        try {
            s.execute(r);
            assertServedByDriver(r);
            return WdStatus.OK;
        } catch (WdException e) {
            assertEquals(e.status(), r.status());
            assertFalse(e.detail() == null || e.detail().isBlank(), "a failure says what went wrong");
            return e.status();
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void truncatedAtEveryOffset(Algorithm algorithm) {
        try (Session s = session(algorithm, 6)) {
            byte[] compressed = compress(s);
            ByteBuffer space = ByteBuffer.allocateDirect(original.length);
            for (int length = 0; length < compressed.length; length++) {
                WdStatus status = decompressStatus(s, Arrays.copyOf(compressed, length), space);
                assertEquals(WdStatus.TRUNCATED_INPUT, status, "cut at " + length + " of " + compressed.length);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void everySingleBitFlipIsCaughtOrHarmless(Algorithm algorithm) throws IOException {
        try (Session s = session(algorithm, 6)) {
            byte[] compressed = compress(s);
            ByteBuffer space = ByteBuffer.allocate(2 * original.length);
            for (int bit = 0; bit < compressed.length * 8; bit++) {
                byte[] damaged = compressed.clone();
                damaged[bit / 8] ^= 1 << (bit % 8);
                WdStatus status = decompressStatus(s, damaged, space);
                if (status == WdStatus.OK) {
                    byte[] produced = Arrays.copyOf(space.array(), space.position());
                    if (algorithm == Algorithm.GZIP) {
                        // Only fields outside the checksums may change harmlessly (MTIME, XFL, OS, FTEXT).
                        assertArrayEquals(original, produced, "bit " + bit + " passed the checksum");
                    } else if (algorithm == Algorithm.ZLIB && !Arrays.equals(original, produced)) {
                        // Adler-32 misses some changes (bytes rotated within a few positions keep both
                        // of its sums): then zlib itself accepts the damaged stream with the same output.
                        assertArrayEquals(produced, ReferenceCodecs.decompress(algorithm, damaged),
                                "bit " + bit + " passed the Adler-32 check, so zlib must read the same");
                    }
                } else {
                    Set<WdStatus> allowed = EnumSet.copyOf(DATA_ERRORS);
                    if (algorithm == Algorithm.ZLIB && bit / 8 == 1) {
                        allowed.add(WdStatus.UNSUPPORTED); // FDICT set with a still valid FCHECK
                    }
                    if (algorithm == Algorithm.DEFLATE) {
                        allowed.add(WdStatus.OUTPUT_TOO_SMALL); // no check value: a flip may lengthen the output
                    }
                    if (algorithm == Algorithm.ZSTD) {
                        // The frame header's window size or dictionary flag, and a larger content size.
                        allowed.add(WdStatus.UNSUPPORTED);
                        allowed.add(WdStatus.OUTPUT_TOO_SMALL);
                    }
                    if (algorithm == Algorithm.LZ4) {
                        // The descriptor's version bits; a larger content size that the 8-bit header
                        // checksum misses (one change in 256 keeps it) is refused against the limit.
                        allowed.add(WdStatus.UNSUPPORTED);
                        allowed.add(WdStatus.OUTPUT_LIMIT_EXCEEDED);
                        allowed.add(WdStatus.OUTPUT_TOO_SMALL);
                    }
                    assertTrue(allowed.contains(status), "bit " + bit + ": " + status);
                }
            }
            assertArrayEquals(original, s.decompress(compressed), "the driver goes on serving");
        }
    }

    @Test
    void wrongGzipMagic() {
        try (Session s = session(Algorithm.GZIP, 6)) {
            byte[] compressed = compress(s);
            compressed[1] = (byte) 0x8c;
            WdException e = assertThrows(WdException.class, () -> s.decompress(compressed));
            assertEquals(WdStatus.CORRUPT_INPUT, e.status());
            assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        }
    }

    @Test
    void wrongGzipCrcAndIsize() {
        try (Session s = session(Algorithm.GZIP, 6)) {
            byte[] compressed = compress(s);
            byte[] badCrc = compressed.clone();
            badCrc[compressed.length - 8] ^= 0x01;
            assertEquals(WdStatus.CHECKSUM_MISMATCH, assertThrows(WdException.class, () -> s.decompress(badCrc)).status());
            byte[] badSize = compressed.clone();
            badSize[compressed.length - 1] ^= 0x01;
            assertEquals(WdStatus.CHECKSUM_MISMATCH, assertThrows(WdException.class, () -> s.decompress(badSize)).status());
        }
    }

    @Test
    void wrongAdler() {
        try (Session s = session(Algorithm.ZLIB, 6)) {
            byte[] compressed = compress(s);
            compressed[compressed.length - 1] ^= 0x01;
            assertEquals(WdStatus.CHECKSUM_MISMATCH, assertThrows(WdException.class, () -> s.decompress(compressed)).status());
        }
    }

    @Test
    void wrongZlibHeader() {
        try (Session s = session(Algorithm.ZLIB, 6)) {
            byte[] compressed = compress(s);
            compressed[1] ^= 0x01;
            WdException e = assertThrows(WdException.class, () -> s.decompress(compressed));
            assertEquals(WdStatus.CORRUPT_INPUT, e.status());
            assertTrue(e.getMessage().contains("multiple of 31"), e.getMessage());
        }
    }

    @Test
    void zlibPresetDictionaryIsUnsupported() {
        Deflater deflater = new Deflater();
        deflater.setDictionary("dictionary".getBytes(StandardCharsets.US_ASCII));
        deflater.setInput(original);
        deflater.finish();
        byte[] out = new byte[2 * original.length];
        int length = deflater.deflate(out);
        deflater.end();
        try (Session s = session(Algorithm.ZLIB, 6)) {
            WdException e = assertThrows(WdException.class, () -> s.decompress(Arrays.copyOf(out, length)));
            assertEquals(WdStatus.UNSUPPORTED, e.status());
            assertTrue(e.getMessage().contains("preset dictionary"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void gibberishIsADataError(Algorithm algorithm) {
        byte[] gibberish = "this is not compressed data at all".getBytes(StandardCharsets.US_ASCII);
        try (Session s = session(algorithm, 6)) {
            WdStatus status = decompressStatus(s, gibberish, ByteBuffer.allocate(10_000));
            assertTrue(DATA_ERRORS.contains(status), algorithm + ": " + status);
            if (algorithm != Algorithm.DEFLATE) {
                assertEquals(WdStatus.CORRUPT_INPUT, status, "a bad header");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void aCorruptStreamFailsAndStaysBrokenUntilReset(Algorithm algorithm) {
        byte[] compressed = ReferenceCodecs.compress(algorithm, 6, original);
        byte[] damaged = compressed.clone();
        // the first deflate block header becomes BTYPE 11, which no deflate stream may contain
        // (for zstd: the frame's magic number)
        int headerLength = algorithm == Algorithm.GZIP ? 10 : algorithm == Algorithm.ZLIB ? 2 : 0;
        damaged[headerLength] = (byte) 0xff;
        try (StreamSession st = stream(Operation.DECOMPRESS, algorithm, 6)) {
            ByteBuffer out = ByteBuffer.allocate(4 * original.length);
            Request r = st.newRequest().source(ByteBuffer.wrap(damaged)).destination(out).flush(Flush.FINISH);
            WdException e = assertThrows(WdException.class, () -> st.execute(r));
            assertTrue(DATA_ERRORS.contains(e.status()), e.getMessage());
            out.clear();
            WdException again = assertThrows(WdException.class, () -> st.execute(
                    r.source(ByteBuffer.wrap(compressed)).destination(out)));
            assertEquals(WdStatus.INVALID_STATE, again.status(), again.getMessage());
            st.reset();
            out.clear();
            st.execute(r.source(ByteBuffer.wrap(compressed)).destination(out));
            assertServedByDriver(r);
            assertTrue(r.endOfStream());
            assertArrayEquals(original, Arrays.copyOf(out.array(), out.position()));
        } catch (WdException unexpected) {
            fail(unexpected);
        }
    }
}
