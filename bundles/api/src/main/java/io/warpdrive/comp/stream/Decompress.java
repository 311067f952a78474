package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decompresses a whole array or buffer in one call — what an {@code Inflater} used once
 * does, without managing a session:
 *
 * <pre>{@code
 * byte[] data = Decompress.toArray(compressor, Algorithm.GZIP, gz);
 * int n = Decompress.into(compressor, SessionSpec.of(Algorithm.ZLIB), src, dst);
 * }</pre>
 *
 * The input holds one zlib or deflate stream, or one or more concatenated gzip members,
 * which all decompress; bytes after the end that do not start another member are left
 * unconsumed. Each call is one stateless request, which any queue may serve. For data that
 * does not fit in memory, use a {@link DecompressorInputStream}.
 *
 * @see Compress
 */
public final class Decompress {
    private Decompress() {
    }

    /** With default settings (AUTO), on the Compressor's own default session. */
    public static byte[] toArray(Compressor compressor, Algorithm algorithm, byte[] data) {
        return Objects.requireNonNull(compressor, "compressor").decompress(algorithm, data);
    }

    /**
     * Decompresses into a new array, as large as the data turns out to be (within the
     * platform's output limit).
     *
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH,
     *         OUTPUT_LIMIT_EXCEEDED, and whatever else the request fails with
     */
    public static byte[] toArray(Compressor compressor, SessionSpec spec, byte[] data) {
        try (Session session = compressor.openSession(spec)) {
            return session.decompress(data);
        }
    }

    /** Decompresses {@code length} bytes of {@code data} from {@code offset} into a new array. */
    public static byte[] toArray(Compressor compressor, SessionSpec spec, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] input = offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        return toArray(compressor, spec, input);
    }

    /**
     * Decompresses the remaining bytes of {@code src} into {@code dst} (heap or direct),
     * advancing both positions: for when the decompressed size is known, as it often is
     * when it was stored next to the data.
     *
     * @return the bytes written to {@code dst}
     * @throws WdException OUTPUT_TOO_SMALL when {@code dst} has too little room (then
     *         neither position has moved), CORRUPT_INPUT, TRUNCATED_INPUT,
     *         CHECKSUM_MISMATCH, and whatever else the request fails with
     */
    public static int into(Compressor compressor, SessionSpec spec, ByteBuffer src, ByteBuffer dst) {
        try (Session session = compressor.openSession(spec)) {
            return session.decompress(src, dst);
        }
    }
}
