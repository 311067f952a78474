package io.warpdrive.reliability.bombs;

import com.github.luben.zstd.ZstdOutputStream;
import io.warpdrive.comp.Algorithm;
import net.jpountz.lz4.LZ4FrameOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Real decompression bombs: 1 GiB of zeros deflated (about 1 MiB), framed as raw deflate,
 * zlib and gzip; and 1 GiB of zeros as one zstd frame and one LZ4 frame (4 MiB blocks, about
 * 4 MiB) written as streams (no content size declared: only the output limit stops them). Made once per JVM: the deflate data once, the
 * framings around it.
 */
final class Bombs {
    /** What a bomb decompresses to. */
    static final long SIZE = 1L << 30;
    private static Map<Algorithm, byte[]> bombs;

    private Bombs() {
    }

    static synchronized byte[] of(Algorithm algorithm) {
        if (bombs == null) {
            bombs = make();
        }
        return bombs.get(algorithm);
    }

    private static Map<Algorithm, byte[]> make() {
        byte[] zeros = new byte[1 << 20];
        Deflater d = new Deflater(9, true);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(1_100_000);
        byte[] chunk = new byte[64 * 1024];
        CRC32 crc = new CRC32();
        for (long fed = 0; fed < SIZE; fed += zeros.length) {
            d.setInput(zeros);
            crc.update(zeros);
            while (!d.needsInput()) {
                raw.write(chunk, 0, d.deflate(chunk));
            }
        }
        d.finish();
        while (!d.finished()) {
            raw.write(chunk, 0, d.deflate(chunk));
        }
        d.end();
        byte[] deflate = raw.toByteArray();
        Map<Algorithm, byte[]> all = new EnumMap<>(Algorithm.class);
        all.put(Algorithm.DEFLATE, deflate);
        // zlib: header, data, Adler-32 of 2^30 zeros (a = 1, b = 2^30 mod 65521)
        long b = SIZE % 65521;
        all.put(Algorithm.ZLIB, concat(new byte[] { 0x78, (byte) 0xda }, deflate,
                new byte[] { (byte) (b >>> 8), (byte) b, 0, 1 }));
        // gzip: the fixed header, data, CRC-32 and ISIZE (2^30 mod 2^32), little-endian
        long c = crc.getValue();
        all.put(Algorithm.GZIP, concat(new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3 }, deflate,
                new byte[] { (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0x40 }));
        all.put(Algorithm.ZSTD, zstd(zeros));
        all.put(Algorithm.LZ4, lz4(zeros));
        return all;
    }

    private static byte[] lz4(byte[] zeros) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(frame, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB)) {
            for (long fed = 0; fed < SIZE; fed += zeros.length) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame.toByteArray();
    }

    private static byte[] zstd(byte[] zeros) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(frame, 3)) {
            out.setChecksum(true);
            for (long fed = 0; fed < SIZE; fed += zeros.length) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
