package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.driver.soft.Buffers.Layout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips of the Silesia corpus files through the stateless codec: every algorithm at
 * levels 1 and 6 on the whole files, the other levels on a sample, each in flat and
 * scatter-gather layouts on heap and direct memory, and the compressed data checked
 * against java.util.zip as well.
 */
class SoftCodecCorpusTest {
    private static final int SAMPLE = 256 * 1024;
    private static SoftCodec codec;

    @BeforeAll
    static void openCodec() {
        codec = new SoftCodec();
    }

    @AfterAll
    static void closeCodec() {
        codec.close();
    }

    /** Compress layout → decompress layout: each layout once on each side, never both sides alike. */
    private static final Layout[][] LAYOUT_PAIRS = {
        {Layout.FLAT_HEAP, Layout.SG_DIRECT}, {Layout.SG_HEAP, Layout.FLAT_DIRECT},
        {Layout.FLAT_DIRECT, Layout.SG_HEAP}, {Layout.SG_DIRECT, Layout.FLAT_HEAP},
    };

    /**
     * Every file × algorithm × level 1 and 6, each in two of the layout pairs, alternating
     * between files so that every algorithm and level meets all four pairs.
     */
    static Stream<Arguments> wholeFiles() {
        List<Arguments> cases = new ArrayList<>();
        for (int f = 0; f < Corpus.NAMES.size(); f++) {
            for (Algorithm algorithm : Algorithm.values()) {
                for (int level : new int[] {1, 6}) {
                    for (int pair = f % 2; pair < LAYOUT_PAIRS.length; pair += 2) {
                        cases.add(Arguments.of(Corpus.NAMES.get(f), algorithm, level, LAYOUT_PAIRS[pair][0],
                                LAYOUT_PAIRS[pair][1]));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} level {2}: compress {3}, decompress {4}")
    @MethodSource("wholeFiles")
    void wholeFileRoundTrip(String file, Algorithm algorithm, int level, Layout compressLayout,
            Layout decompressLayout) throws IOException {
        roundTrip(Corpus.file(file), algorithm, level, compressLayout, decompressLayout);
    }

    static Stream<Arguments> otherLevels() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : Corpus.NAMES) {
            for (Algorithm algorithm : Algorithm.values()) {
                for (int level : new int[] {2, 3, 4, 5, 7, 8, 9}) {
                    cases.add(Arguments.of(file, algorithm, level));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} sample {1} level {2}")
    @MethodSource("otherLevels")
    void sampleRoundTripAtOtherLevels(String file, Algorithm algorithm, int level) throws IOException {
        byte[] sample = Corpus.sample(file, SAMPLE);
        roundTrip(sample, algorithm, level, Layout.FLAT_HEAP, Layout.SG_DIRECT);
        roundTrip(sample, algorithm, level, Layout.SG_HEAP, Layout.FLAT_DIRECT);
    }

    private static void roundTrip(byte[] original, Algorithm algorithm, int level, Layout compressLayout,
            Layout decompressLayout) throws IOException {
        SgList source = compressLayout.source(original);
        SgList compressedSpace = compressLayout.space(Buffers.compressBound(original.length));
        TestJob compress = Worker.run(codec, TestJob.compress(algorithm, level, source, compressedSpace));
        Worker.assertSucceeded(compress);
        assertTrue(compress.endOfStream);
        assertEquals(0, source.remaining(), "all input consumed");
        byte[] compressed = Buffers.produced(compressedSpace);
        assertTrue(compressed.length < original.length, "the corpus compresses");

        assertArrayEquals(original, JdkZip.decompress(algorithm, compressed), "java.util.zip reads it");

        SgList compressedSource = decompressLayout.source(compressed);
        SgList space = decompressLayout.space(original.length);
        TestJob decompress = Worker.run(codec, TestJob.decompress(algorithm, compressedSource, space));
        Worker.assertSucceeded(decompress);
        assertTrue(decompress.endOfStream);
        assertEquals(0, compressedSource.remaining(), "all compressed input consumed");
        assertEquals(0, space.remaining(), "the destination, exactly the original's size, is full");
        assertArrayEquals(original, Buffers.produced(space));
    }
}
