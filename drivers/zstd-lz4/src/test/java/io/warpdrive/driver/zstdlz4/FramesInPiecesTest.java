package io.warpdrive.driver.zstdlz4;

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
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.conformance.DriverConformance;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.GzipMembers;
import io.warpdrive.testing.conformance.ReferenceCodecs;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * zstd and LZ4 data of two frames decompressed as a stream whose input arrives in pieces of 1
 * to 64 bytes: both frames are read wherever the first one's end falls among the pieces, and a
 * second frame cut short is TRUNCATED_INPUT. A request whose input ends exactly at a frame's
 * end says end of stream (another frame may follow, as another gzip member may), and
 * {@link DecompressorInputStream} once took that for the end of the data: the frames after it
 * were dropped without an error (what the zstd/LZ4 fuzzing found, fed 8 bytes at a time).
 */
class FramesInPiecesTest extends DriverConformance {
    private static final byte[] FIRST = TestFiles.sample("text", 5000);
    private static final byte[] SECOND = TestFiles.sample("xml", 300);

    @Override
    protected DriverUnderTest openDriver() {
        return ZstdLz4DriverUnderTest.start();
    }

    @ParameterizedTest
    @EnumSource(names = { "ZSTD", "LZ4" })
    void everyFrameIsReadAndACutOneIsTruncatedWhateverThePieces(Algorithm algorithm) throws IOException {
        byte[] first = ReferenceCodecs.compress(algorithm, 1, FIRST);
        byte[] two = GzipMembers.concat(first, ReferenceCodecs.compress(algorithm, 3, SECOND));
        byte[] both = GzipMembers.concat(FIRST, SECOND);
        int[] cuts = { first.length + 1, first.length + 9, (first.length + two.length) / 2, two.length - 1 };
        for (int piece = 1; piece <= 64; piece++) {
            assertArrayEquals(both, read(algorithm, two, piece), "both frames, " + piece + "-byte pieces");
            assertArrayEquals(FIRST, read(algorithm, first, piece), "one frame, " + piece + "-byte pieces");
            for (int cut : cuts) {
                byte[] truncated = Arrays.copyOf(two, cut);
                int p = piece;
                EOFException e = assertThrows(EOFException.class, () -> read(algorithm, truncated, p),
                        "cut at " + cut + " of " + two.length + ", " + piece + "-byte pieces");
                assertEquals(WdStatus.TRUNCATED_INPUT, ((WdException) e.getCause()).status(), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = { "ZSTD", "LZ4" })
    void aRequestEndingAtAFramesEndSaysSoAndTheNextFrameFollows(Algorithm algorithm) {
        byte[] first = ReferenceCodecs.compress(algorithm, 1, FIRST);
        byte[] second = ReferenceCodecs.compress(algorithm, 3, SECOND);
        try (StreamSession st = compressor.openStream(Operation.DECOMPRESS, SessionSpec.of(algorithm))) {
            ByteBuffer out = ByteBuffer.allocate(FIRST.length + SECOND.length);
            Request r = st.newRequest().source(ByteBuffer.wrap(first)).destination(out).flush(Flush.NONE);
            st.execute(r);
            assertServedByDriver(r);
            assertTrue(r.endOfStream(), "the input ended at a frame's end");
            assertEquals(FIRST.length, r.produced());
            ByteBuffer cut = ByteBuffer.wrap(second, 0, second.length - 1);
            st.execute(r.source(cut).destination(out).flush(Flush.NONE));
            assertTrue(!r.endOfStream() && !cut.hasRemaining(), "inside the second frame");
            Request end = st.newRequest().source(ByteBuffer.wrap(second, second.length - 1, 1)).destination(out)
                    .flush(Flush.FINISH);
            st.execute(end);
            assertTrue(end.endOfStream());
            assertArrayEquals(GzipMembers.concat(FIRST, SECOND), out.array());
        }
    }

    private byte[] read(Algorithm algorithm, byte[] data, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new DecompressorInputStream(new Pieces(data, piece), compressor,
                SessionSpec.of(algorithm), piece)) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code piece} bytes per read, as a pipe may. */
    private static final class Pieces extends ByteArrayInputStream {
        private final int piece;

        Pieces(byte[] data, int piece) {
            super(data);
            this.piece = piece;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, piece));
        }
    }
}
