package io.warpdrive.testing.conformance;

import io.warpdrive.comp.Algorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** The reference: java.util.zip's own streams, which the codec must interoperate with both ways. */
public final class JdkZip {
    /** The formats java.util.zip reads and writes: the deflate family. */
    public static final Algorithm[] ALGORITHMS = { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP };

    private JdkZip() {
    }

    public static byte[] compress(Algorithm algorithm, int level, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressing(algorithm, level, bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressing(Algorithm algorithm, int level, OutputStream bytes) throws IOException {
        switch (algorithm) {
            case GZIP:
                return new GZIPOutputStream(bytes) {
                    {
                        def.setLevel(level);
                    }
                };
            case ZLIB:
                return new DeflaterOutputStream(bytes, new Deflater(level, false));
            default:
                return new DeflaterOutputStream(bytes, new Deflater(level, true));
        }
    }

    /** Decompresses with java.util.zip (all gzip members, as GZIPInputStream does). */
    public static byte[] decompress(Algorithm algorithm, byte[] compressed) throws IOException {
        InputStream source = new ByteArrayInputStream(compressed);
        try (InputStream in = algorithm == Algorithm.GZIP ? new GZIPInputStream(source)
                : new InflaterInputStream(source, new Inflater(algorithm == Algorithm.DEFLATE))) {
            return in.readAllBytes();
        }
    }
}
