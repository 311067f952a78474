package io.warpdrive.reliability.streams;

import io.warpdrive.comp.Algorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Test data for streams and java.util.zip as the reference that reads and writes each format. */
final class StreamData {
    private static final String[] WORDS = ("engine stream window block flush dictionary checksum trailer header "
            + "deflate inflate gzip zlib queue device driver platform request output input moves").split(" ");

    private StreamData() {
    }

    /** Compressible text of {@code size} bytes: words from a seeded random, some runs of digits. */
    static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(size + 32);
        while (b.length() < size) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? random.nextInt() : ' ');
        }
        return b.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * java.util.zip's reading of {@code packed}: the gzip CRC-32 and the zlib Adler-32 are checked;
     * zstd-jni's and lz4-java's of zstd and LZ4 frames, every frame in turn, content checksums checked.
     */
    static byte[] inflate(Algorithm algorithm, byte[] packed) throws IOException {
        InputStream in = switch (algorithm) {
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(packed));
            case ZLIB -> new InflaterInputStream(new ByteArrayInputStream(packed));
            case DEFLATE -> new InflaterInputStream(new ByteArrayInputStream(packed), new Inflater(true));
            case ZSTD -> new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(packed));
            case LZ4 -> new net.jpountz.lz4.LZ4FrameInputStream(new ByteArrayInputStream(packed));
        };
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * How many zstd or LZ4 frames {@code packed} holds, one after another (zstd-jni finds each zstd
     * frame's size; an LZ4 frame is walked: header, blocks to the EndMark, content checksum).
     */
    static int frames(Algorithm algorithm, byte[] packed) {
        int n = 0;
        for (int at = 0; at < packed.length; n++) {
            at += algorithm == Algorithm.ZSTD
                    ? (int) com.github.luben.zstd.Zstd.findFrameCompressedSize(packed, at, packed.length - at)
                    : lz4FrameSize(java.nio.ByteBuffer.wrap(packed).order(java.nio.ByteOrder.LITTLE_ENDIAN), at);
        }
        return n;
    }

    private static int lz4FrameSize(java.nio.ByteBuffer b, int start) {
        int flg = b.get(start + 4) & 0xff;
        // magic, FLG, BD, content size and dictionary ID if FLG says so, HC
        int at = start + 6 + ((flg & 0x08) != 0 ? 8 : 0) + ((flg & 0x01) != 0 ? 4 : 0) + 1;
        for (int word = b.getInt(at); word != 0; word = b.getInt(at)) {
            at += 4 + (word & 0x7fffffff) + ((flg & 0x10) != 0 ? 4 : 0);
        }
        return at + 4 + ((flg & 0x04) != 0 ? 4 : 0) - start;
    }

    /** {@code data} in the algorithm's format, by java.util.zip (zstd-jni, lz4-java for zstd and LZ4 frames). */
    static byte[] pack(Algorithm algorithm, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.OutputStream z = switch (algorithm) {
            case GZIP -> new GZIPOutputStream(out);
            case ZLIB -> new DeflaterOutputStream(out);
            case DEFLATE -> new DeflaterOutputStream(out, new Deflater(6, true));
            case ZSTD -> new com.github.luben.zstd.ZstdOutputStream(out, 3);
            case LZ4 -> new net.jpountz.lz4.LZ4FrameOutputStream(out);
        }) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
