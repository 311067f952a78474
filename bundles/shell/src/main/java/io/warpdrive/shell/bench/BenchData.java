package io.warpdrive.shell.bench;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.data.DataSet;
import io.warpdrive.testing.data.SilesiaCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets a run works on: {@code pktlen}-byte slices of the data (direct buffers), and
 * for decompression their java.util.zip-compressed form. Made once; every thread gets its
 * own duplicates, so measuring allocates nothing.
 */
final class BenchData {
    private static final int MAX_PACKETS = 256;
    /** Generated text: as large as dickens, so packets come from as many places. */
    private static final int GENERATED_SIZE = 10 << 20;

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
        DataSet set = choose(o, home);
        byte[] data = set.bytes();
        String source = set.describe();
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
            byte[] in = o.operation == Operation.COMPRESS ? plain[i] : Baseline.compress(o.algorithm, o.level, plain[i]);
            inputs[i] = ByteBuffer.allocateDirect(in.length).put(in).flip();
        }
        if (o.operation == Operation.COMPRESS) {
            maxOutput = (int) Math.min(Integer.MAX_VALUE - 64, o.algorithm.compressBound(o.packetLength));
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


    /**
     * The data: the file given, else the Silesia corpus's dickens next to the working
     * directory's project or the product's home, else the project's generated text.
     */
    static DataSet choose(BenchOptions o, Path home) throws IOException {
        if (o.file != null) {
            Path file = Path.of(o.file);
            return new DataSet(file.getFileName().toString(), "file " + file.toAbsolutePath(), Files.readAllBytes(file));
        }
        Path corpus = findCorpus(home);
        if (corpus != null) {
            return SilesiaCorpus.file(corpus);
        }
        return new DataSet("text", "generated: " + DataKind.TEXT.description(), DataKind.TEXT.bytes(GENERATED_SIZE));
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
}
