package io.warpdrive.comp.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
     * Compresses {@code data} into a new array in pieces on several engines at once (see
     * {@link ParallelCompression}): for large inputs on a platform with more than one engine.
     *
     * @throws WdException whatever the pieces fail with
     */
    public static byte[] toArray(Compressor compressor, SessionSpec spec, ParallelCompression parallel, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
                compressor.maxCompressedLength(spec.algorithm(), data.length)));
        try (CompressorOutputStream c = new CompressorOutputStream(out, compressor, spec, parallel)) {
            c.write(data);
        } catch (IOException e) {
            throw e.getCause() instanceof WdException ? (WdException) e.getCause()
                    : new WdException(WdStatus.INTERNAL, e.getMessage(), e);
        }
        return out.toByteArray();
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
