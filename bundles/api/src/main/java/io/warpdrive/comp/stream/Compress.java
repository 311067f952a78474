package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Compresses a whole array or buffer into one complete gzip, zlib or deflate stream in one
 * call — what a {@code Deflater} used once does, without managing a session:
 *
 * <pre>{@code
 * byte[] gz = Compress.toArray(compressor, Algorithm.GZIP, data);
 * int n = Compress.into(compressor, SessionSpec.of(Algorithm.ZLIB).withLevel(1), src, dst);
 * }</pre>
 *
 * Each call is one stateless request, which any queue may serve. For many calls with the
 * same settings, a {@link Session} kept open does the same without opening one per call;
 * for data that does not fit in memory, use a {@link CompressorOutputStream}.
 *
 * @see Decompress
 */
public final class Compress {
    private Compress() {
    }

    /** With default settings (the algorithm's default level, AUTO), on the Compressor's own default session. */
    public static byte[] toArray(Compressor compressor, Algorithm algorithm, byte[] data) {
        return Objects.requireNonNull(compressor, "compressor").compress(algorithm, data);
    }

    public static byte[] toArray(Compressor compressor, SessionSpec spec, byte[] data) {
        return toArray(compressor, spec, data, 0, data.length);
    }

    /**
     * Compresses {@code length} bytes of {@code data} from {@code offset} into a new array.
     *
     * @throws WdException INVALID_ARGUMENT when the compressed bound exceeds an array's
     *         size, and whatever the request fails with
     */
    public static byte[] toArray(Compressor compressor, SessionSpec spec, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        long bound = compressor.maxCompressedLength(spec.algorithm(), length);
        if (bound > Integer.MAX_VALUE - 64) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    length + " bytes may not compress into one array; use a CompressorOutputStream");
        }
        byte[] out = new byte[(int) bound];
        ByteBuffer dst = ByteBuffer.wrap(out);
        into(compressor, spec, ByteBuffer.wrap(data, offset, length), dst);
        return Arrays.copyOf(out, dst.position());
    }

    /**
     * Compresses the remaining bytes of {@code src} into {@code dst} (heap or direct),
     * advancing both positions. {@link Compressor#maxCompressedLength} tells how much room
     * is always enough.
     *
     * @return the bytes written to {@code dst}
     * @throws WdException OUTPUT_TOO_SMALL when {@code dst} has too little room (then
     *         neither position has moved), and whatever else the request fails with
     */
    public static int into(Compressor compressor, SessionSpec spec, ByteBuffer src, ByteBuffer dst) {
        try (Session session = compressor.openSession(spec)) {
            return session.compress(src, dst);
        }
    }
}
