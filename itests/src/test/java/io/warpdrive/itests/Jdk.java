package io.warpdrive.itests;

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

/** java.util.zip as the independent reference the platform's output is checked against. */
public final class Jdk {
    /** The formats java.util.zip reads and writes: the deflate family. */
    public static final Algorithm[] ALGORITHMS = { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP };

    private Jdk() {
    }

    public static byte[] decompress(Algorithm a, byte[] data) {
        try (InputStream in = input(a, new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("java.util.zip cannot decompress the platform's " + a + " output", e);
        }
    }

    /**
     * The java.util.zip stream that reads {@code a} from {@code in}, for comparing what it
     * throws with what the platform's streams throw (a GZIPInputStream reads the header
     * at construction, so that may throw already).
     */
    public static InputStream input(Algorithm a, InputStream in) throws IOException {
        return switch (a) {
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case ZLIB -> new InflaterInputStream(in, new Inflater(false), 64 * 1024);
            case DEFLATE -> new InflaterInputStream(in, new Inflater(true), 64 * 1024);
            case ZSTD, LZ4 -> throw new IllegalArgumentException("java.util.zip does not read " + a);
        };
    }

    public static byte[] compress(Algorithm a, byte[] data, int level) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(data.length / 2 + 64);
        try {
            if (a == Algorithm.GZIP) {
                OutputStream out = new GZIPOutputStream(buffer, 64 * 1024) {
                    {
                        def.setLevel(level);
                    }
                };
                try (out) {
                    out.write(data);
                }
                return buffer.toByteArray();
            }
            Deflater deflater = new Deflater(level, a == Algorithm.DEFLATE);
            try (OutputStream zlib = new DeflaterOutputStream(buffer, deflater, 64 * 1024)) {
                zlib.write(data);
            } finally {
                deflater.end();
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
