package io.warpdrive.shell.bench;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

/**
 * The packets a run works on: {@code pktlen}-byte slices of the data (direct buffers), and
 * for decompression their java.util.zip-compressed form. Made once; every thread gets its
 * own duplicates, so measuring allocates nothing.
 */
final class BenchData {
    private static final int MAX_PACKETS = 256;

    final String source;
    final byte[][] plain;
    final ByteBuffer[] inputs;
    final int maxOutput;

    private BenchData(String source, byte[][] plain, ByteBuffer[] inputs, int maxOutput) {
        this.source = source;
        this.plain = plain;
        this.inputs = inputs;
        this.maxOutput = maxOutput;
    }

    static BenchData prepare(BenchOptions o, Path home) throws IOException {
        byte[] data;
        String source;
        Path corpus = o.file == null ? findCorpus(home) : null;
        if (o.file != null) {
            data = Files.readAllBytes(Path.of(o.file));
            source = o.file;
        } else if (corpus != null) {
            data = unzip(corpus);
            source = corpus.toString();
        } else {
            data = generatedText(16 << 20);
            source = "generated text";
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("the data file is empty");
        }
        int n = Math.max(1, Math.min(MAX_PACKETS, data.length / o.packetLength));
        byte[][] plain = new byte[n][];
        for (int i = 0; i < n; i++) {
            plain[i] = new byte[o.packetLength];
            for (int at = 0; at < o.packetLength; at++) {
                plain[i][at] = data[(int) (((long) i * o.packetLength + at) % data.length)];
            }
        }
        ByteBuffer[] inputs = new ByteBuffer[n];
        int maxOutput = o.packetLength;
        for (int i = 0; i < n; i++) {
            byte[] in = o.operation == Operation.COMPRESS ? plain[i] : DirectCodec.compress(o.algorithm, o.level, plain[i]);
            inputs[i] = ByteBuffer.allocateDirect(in.length).put(in).flip();
        }
        if (o.operation == Operation.COMPRESS) {
            maxOutput = (int) Math.min(Integer.MAX_VALUE - 64, deflateBound(o.algorithm, o.packetLength));
        }
        return new BenchData(source, plain, inputs, maxOutput);
    }

    /** Per-thread views of the inputs (positions are the thread's own). */
    ByteBuffer[] inputsForThread() {
        ByteBuffer[] mine = new ByteBuffer[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            mine[i] = inputs[i].duplicate();
        }
        return mine;
    }

    private static long deflateBound(Algorithm a, long n) {
        return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + 18;
    }

    /** The Silesia corpus's dickens: next to the working directory's project, or to the product's home. */
    static Path findCorpus(Path home) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("..", "shared", "corpus", "dickens.zip"));
        candidates.add(Path.of("shared", "corpus", "dickens.zip"));
        if (home != null) {
            for (Path p = home.toAbsolutePath(); p != null; p = p.getParent()) {
                candidates.add(p.resolve("shared/corpus/dickens.zip"));
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static byte[] unzip(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            while (z.getNextEntry() != null) {
                byte[] b = z.readAllBytes();
                if (b.length > 0) {
                    return b;
                }
            }
        }
        throw new IOException(zip + " holds no data");
    }

    private static byte[] generatedText(int size) {
        String[] words = { "the", "accelerator", "queue", "compresses", "data", "of", "many", "bundles", "and",
            "returns", "it", "quickly", "while", "the", "scheduler", "picks", "hardware", "first" };
        StringBuilder b = new StringBuilder(size + 16);
        long x = 12345;
        while (b.length() < size) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b.append(words[(int) ((x >>> 33) % words.length)]).append((x & 7) == 0 ? ".\n" : " ");
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
