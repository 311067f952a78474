package io.warpdrive.reliability.fuzz;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A reference decoder's verdict on compressed data, as the oracle of the decompression fuzz
 * tests: java.util.zip for the deflate family, zstd-jni's {@code ZstdInputStream} for zstd,
 * lz4-java's {@code LZ4FrameInputStream} for LZ4. The output, or the status the platform
 * should report (for zstd and LZ4 only whether it fails: their streams name no cause).
 * Output is bounded, so a bomb costs the oracle no more memory than the platform.
 */
final class Reference {
    /** OK, or the status java.util.zip's failure corresponds to. */
    final WdStatus status;
    /** The whole output when OK (at most {@code limit + 1} bytes otherwise). */
    final byte[] output;

    private Reference(WdStatus status, byte[] output) {
        this.status = status;
        this.output = output;
    }

    boolean ok() {
        return status == WdStatus.OK;
    }

    /** Decodes {@code data} as the platform's stateless decompression does, producing at most {@code limit} bytes. */
    static Reference decode(Algorithm algorithm, byte[] data, long limit) {
        switch (algorithm) {
            case GZIP:
                return gzip(data, limit);
            case ZSTD:
            case LZ4:
                return frames(algorithm, data, limit);
            default:
                return inflate(algorithm == Algorithm.DEFLATE, data, limit);
        }
    }

    /** zstd or LZ4 frames through the library's own input stream; any failure counts as CORRUPT_INPUT. */
    private static Reference frames(Algorithm algorithm, byte[] data, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (data.length == 0) {
            return new Reference(WdStatus.TRUNCATED_INPUT, out.toByteArray());
        }
        try (InputStream in = algorithm == Algorithm.ZSTD ? new ZstdInputStream(new ByteArrayInputStream(data))
                : new LZ4FrameInputStream(new ByteArrayInputStream(data))) {
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    return new Reference(WdStatus.OUTPUT_LIMIT_EXCEEDED, out.toByteArray());
                }
            }
            if (algorithm == Algorithm.ZSTD && !wholeZstdFrames(data)) {
                // zstd-jni's stream ends quietly on a frame cut short before its checksum; the zstd tool
                // and the platform call that truncated input.
                return new Reference(WdStatus.TRUNCATED_INPUT, out.toByteArray());
            }
            return new Reference(WdStatus.OK, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            return new Reference(WdStatus.CORRUPT_INPUT, out.toByteArray());
        }
    }

    /** The data are whole zstd frames (skippable ones included), back to back, to the last byte. */
    private static boolean wholeZstdFrames(byte[] data) {
        int at = 0;
        while (at < data.length) {
            long size;
            try {
                size = Zstd.findFrameCompressedSize(data, at, data.length - at);
            } catch (RuntimeException e) {
                return false;
            }
            if (Zstd.isError(size) || size <= 0 || size > data.length - at) {
                return false;
            }
            at += (int) size;
        }
        return true;
    }

    private static Reference inflate(boolean raw, byte[] data, long limit) {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    return new Reference(WdStatus.OUTPUT_LIMIT_EXCEEDED, out.toByteArray());
                }
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        return new Reference(WdStatus.UNSUPPORTED, out.toByteArray());
                    }
                    if (inflater.needsInput()) {
                        return new Reference(WdStatus.TRUNCATED_INPUT, out.toByteArray());
                    }
                }
            }
            return new Reference(WdStatus.OK, out.toByteArray());
        } catch (DataFormatException e) {
            String m = String.valueOf(e.getMessage());
            return new Reference(m.contains("incorrect data check") ? WdStatus.CHECKSUM_MISMATCH
                    : WdStatus.CORRUPT_INPUT, new byte[0]);
        } finally {
            inflater.end();
        }
    }

    /**
     * GZIPInputStream: every member; data after the last member that is not another member
     * is ignored. It is laxer than the platform about that trailing data (a broken header
     * there ends the stream for it), so the fuzz tests use it one way only: what the
     * platform accepts it must accept too, with the same output.
     */
    private static Reference gzip(byte[] data, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    return new Reference(WdStatus.OUTPUT_LIMIT_EXCEEDED, out.toByteArray());
                }
            }
            return new Reference(WdStatus.OK, out.toByteArray());
        } catch (EOFException e) {
            return new Reference(WdStatus.TRUNCATED_INPUT, out.toByteArray());
        } catch (ZipException e) {
            String m = String.valueOf(e.getMessage());
            return new Reference(m.contains("CRC") || m.contains("size") ? WdStatus.CHECKSUM_MISMATCH
                    : WdStatus.CORRUPT_INPUT, out.toByteArray());
        } catch (IOException e) {
            return new Reference(WdStatus.CORRUPT_INPUT, out.toByteArray());
        }
    }
}
