package io.warpdrive.shell.bench;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * The deflate family's baseline: what a Java user writes without the platform — a Deflater or
 * Inflater called directly, reused across packets, gzip framed as GZIPOutputStream/GZIPInputStream
 * frame it (header, CRC-32 and ISIZE). One per thread.
 */
final class DirectCodec implements Baseline {
    private static final int GZIP_HEADER = 10;

    private final Algorithm algorithm;
    private final Operation operation;
    private final Deflater deflater;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();

    DirectCodec(Algorithm algorithm, Operation operation, int level) {
        this.algorithm = algorithm;
        this.operation = operation;
        boolean raw = algorithm != Algorithm.ZLIB;
        this.deflater = operation == Operation.COMPRESS ? new Deflater(level, raw) : null;
        this.inflater = operation == Operation.DECOMPRESS ? new Inflater(raw) : null;
    }

    @Override
    public int run(ByteBuffer in, ByteBuffer out) throws DataFormatException {
        int start = out.position();
        if (operation == Operation.COMPRESS) {
            compress(in, out);
        } else {
            decompress(in, out);
        }
        return out.position() - start;
    }

    private void compress(ByteBuffer in, ByteBuffer out) {
        deflater.reset();
        int length = in.remaining();
        if (algorithm == Algorithm.GZIP) {
            out.put((byte) 0x1f).put((byte) 0x8b).put((byte) 8).put((byte) 0).putInt(0).put((byte) 0).put((byte) 0xff);
            crc.reset();
            int p = in.position();
            crc.update(in);
            in.position(p);
        }
        deflater.setInput(in);
        deflater.finish();
        while (!deflater.finished()) {
            if (deflater.deflate(out) == 0 && !out.hasRemaining()) {
                throw new IllegalStateException("output buffer too small");
            }
        }
        if (algorithm == Algorithm.GZIP) {
            out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).putInt(length).order(ByteOrder.BIG_ENDIAN);
        }
    }

    private void decompress(ByteBuffer in, ByteBuffer out) throws DataFormatException {
        inflater.reset();
        if (algorithm == Algorithm.GZIP) {
            in.position(in.position() + GZIP_HEADER);
        }
        int start = out.position();
        inflater.setInput(in);
        while (!inflater.finished()) {
            if (inflater.inflate(out) == 0 && (inflater.needsInput() || !out.hasRemaining())) {
                throw new DataFormatException("truncated or output too small");
            }
        }
        if (algorithm == Algorithm.GZIP) {
            crc.reset();
            ByteBuffer produced = out.duplicate();
            produced.limit(out.position()).position(start);
            crc.update(produced);
            ByteBuffer trailer = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (trailer.getInt(trailer.position()) != (int) crc.getValue()) {
                throw new DataFormatException("CRC mismatch");
            }
        }
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }

    /** Compresses with the JDK streams (to prepare decompression packets). */
    static byte[] compress(Algorithm a, int level, byte[] data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(data.length / 2 + 64);
        Deflater d = new Deflater(level, a != Algorithm.ZLIB);
        try (OutputStream out = a == Algorithm.GZIP ? new GZIPOutputStream(buffer) {
            {
                def.setLevel(level);
            }
        } : new DeflaterOutputStream(buffer, d)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            d.end();
        }
        return buffer.toByteArray();
    }
}
