package io.warpdrive.reliability.fuzz;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.testing.conformance.GzipMembers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.conformance.ReferenceCodecs;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * Seed inputs for the fuzz tests, made in code (so they need no corpus and are the same on
 * every machine): valid data of every kind the decoders meet, for the mutations to start
 * from. The fuzzer's own findings live next to them as files.
 */
final class Seeds {
    /** Decompression modes of {@link DecompressFuzzing}: heap, direct, scattered, array, stream. */
    private static final int[] MODES = { 0x00, 0x42, 0x81, 0x01, 0x02 };

    private Seeds() {
    }

    /** Text with some repetition, as compressors meet it. */
    static byte[] text(int length, long seed) {
        Random rnd = new Random(seed);
        String[] words = { "accelerator ", "queue ", "deflate ", "the ", "of ", "WarpDrive ", "zip ", "\n", "0x1f8b " };
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        while (out.size() < length) {
            out.writeBytes(words[rnd.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), length);
    }

    /**
     * Compressed inputs in every algorithm, each in every mode, with the layout of
     * {@link DecompressFuzzing}; zstd and LZ4 frames as their reference libraries write them,
     * alone and concatenated.
     */
    static List<byte[]> decompression() {
        List<byte[]> seeds = new ArrayList<>();
        byte[][] samples = { new byte[0], "hello".getBytes(StandardCharsets.US_ASCII), text(3000, 1),
                new byte[200_000] };
        for (Algorithm a : JdkZip.ALGORITHMS) {
            List<byte[]> compressed = new ArrayList<>();
            for (byte[] sample : samples) {
                compressed.add(JdkZip.compress(a, 6, sample));
            }
            compressed.add(JdkZip.compress(a, 1, text(20_000, 2)));
            compressed.add(withStrategy(a, text(2000, 3), Deflater.HUFFMAN_ONLY));
            compressed.add(withLevel0(a, text(500, 4)));
            if (a == Algorithm.GZIP) {
                byte[] data = text(1000, 5);
                compressed.add(GzipMembers.member(HeaderBytes.gzip().name("file.txt").comment("c").extra(new byte[] {
                        'A', 'B', 2, 0, 'x', 'y' }).headerCrc(), data, 6));
                compressed.add(GzipMembers.concat(JdkZip.compress(a, 6, data), JdkZip.compress(a, 9, text(100, 6))));
                compressed.add(GzipMembers.concat(JdkZip.compress(a, 6, data), "trailing".getBytes(StandardCharsets.US_ASCII)));
            }
            for (byte[] c : compressed) {
                for (int mode : MODES) {
                    seeds.add(layout(a, mode, 0x1000, c));
                }
            }
            // the stream in small pieces, and a too-small output buffer
            seeds.add(layout(a, 0x02, 1, compressed.get(2)));
            seeds.add(layout(a, 0x02, 7, compressed.get(2)));
            seeds.add(layout(a, 0x00, 1, compressed.get(2)));
        }
        for (Algorithm a : new Algorithm[] { Algorithm.ZSTD, Algorithm.LZ4 }) {
            for (byte[] sample : samples) {
                for (int level : new int[] { 1, a == Algorithm.ZSTD ? 19 : 9 }) {
                    byte[] c = ReferenceCodecs.compress(a, level, sample);
                    for (int mode : MODES) {
                        seeds.add(layout(a, mode, 0x1000, c));
                    }
                }
            }
            byte[] two = GzipMembers.concat(ReferenceCodecs.compress(a, 1, text(5000, 7)),
                    ReferenceCodecs.compress(a, 3, text(300, 8)));
            seeds.add(layout(a, 0x00, 0x1000, two));
            seeds.add(layout(a, 0x02, 7, two));
            seeds.add(layout(a, 0x00, 1, two));
        }
        return seeds;
    }

    static byte[] layout(Algorithm a, int mode, int size, byte[] data) {
        byte[] input = new byte[4 + data.length];
        input[0] = (byte) a.ordinal();
        input[1] = (byte) mode;
        input[2] = (byte) (size >>> 8);
        input[3] = (byte) size;
        System.arraycopy(data, 0, input, 4, data.length);
        return input;
    }

    private static byte[] withStrategy(Algorithm a, byte[] data, int strategy) {
        Deflater d = new Deflater(6, true);
        d.setStrategy(strategy);
        return frame(a, data, d);
    }

    private static byte[] withLevel0(Algorithm a, byte[] data) {
        return frame(a, data, new Deflater(0, true));
    }

    /** Raw deflate from {@code d}, framed as {@code a} (a gzip member, or zlib via java.util.zip's own framing). */
    private static byte[] frame(Algorithm a, byte[] data, Deflater d) {
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!d.finished()) {
            raw.write(chunk, 0, d.deflate(chunk));
        }
        d.end();
        switch (a) {
            case GZIP:
                return GzipMembers.concat(HeaderBytes.gzip().build(), raw.toByteArray(), gzipTrailer(data));
            case ZLIB:
                return GzipMembers.concat(new byte[] { 0x78, 0x01 }, raw.toByteArray(), adler(data));
            default:
                return raw.toByteArray();
        }
    }

    private static byte[] gzipTrailer(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        long c = crc.getValue();
        int n = data.length;
        return new byte[] { (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), (byte) n,
                (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24) };
    }

    private static byte[] adler(byte[] data) {
        java.util.zip.Adler32 a = new java.util.zip.Adler32();
        a.update(data);
        long v = a.getValue();
        return new byte[] { (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v };
    }
}
