package io.warpdrive.testing.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDataTest {
    private static final int SAMPLE = 1 << 20;

    /** zlib level 6 on the first MiB: original size ÷ compressed size. */
    private static double ratio(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + data.length / 100 + 1024];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        d.end();
        return (double) data.length / n;
    }

    @ParameterizedTest
    @EnumSource(DataKind.class)
    void everySizeIsAPrefixOfEveryLargerOne(DataKind kind) {
        byte[] large = kind.bytes(3 * SAMPLE + 17);
        assertEquals(3 * SAMPLE + 17, large.length);
        for (int size : EdgeSizes.standard()) {
            byte[] small = kind.bytes(size);
            assertEquals(size, small.length);
            assertArrayEquals(Arrays.copyOf(large, size), small, kind + " " + size);
        }
    }

    @ParameterizedTest
    @EnumSource(DataKind.class)
    void theSameBytesEveryTimeFromAFreshGenerator(DataKind kind) {
        DataWriter out = new DataWriter(SAMPLE);
        kind.generator().generate(new SplittableRandom(kind.seed()), out, SAMPLE);
        assertArrayEquals(out.first(SAMPLE), kind.bytes(SAMPLE), "made again from the seed, byte for byte");
    }

    @Test
    void callersGetTheirOwnCopy() {
        byte[] a = DataKind.TEXT.bytes(100);
        a[0] ^= 1;
        assertNotEquals(a[0], DataKind.TEXT.bytes(100)[0]);
        assertThrows(IllegalArgumentException.class, () -> DataKind.TEXT.bytes(-1));
    }

    @Test
    void compressibilityIsLikeTheRealThing() {
        // Silesia's dickens is about 2.6 at zlib level 6, xml about 8, nci about 11, ooffice about 2.
        assertRange(DataKind.TEXT, 2.2, 3.6);
        assertRange(DataKind.SOURCE, 3.0, 8.0);
        assertRange(DataKind.XML, 3.5, 10.0);
        assertRange(DataKind.ROWS, 2.0, 5.0);
        assertRange(DataKind.BINARY, 1.6, 8.0);
        assertRange(DataKind.RANDOM, 0.99, 1.0);
        assertRange(DataKind.RUNS, 50, Double.MAX_VALUE);
        assertRange(DataKind.MIXED, 1.5, 6.0);
    }

    private static void assertRange(DataKind kind, double low, double high) {
        double r = ratio(kind.bytes(SAMPLE));
        assertTrue(r >= low && r <= high, kind + " compresses " + r + " times, expected " + low + " to " + high);
    }

    @Test
    void textLooksLikeProse() {
        String text = new String(DataKind.TEXT.bytes(SAMPLE), StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");
        assertTrue(Arrays.stream(lines).allMatch(l -> l.length() <= 72), "lines wrapped at 72 columns");
        assertTrue(text.contains("\n\n"), "paragraphs");
        assertTrue(text.contains("CHAPTER "), "chapters");
        assertTrue(text.contains("\""), "dialogue");
        Set<String> words = new HashSet<>(Arrays.asList(text.toLowerCase().split("[^a-z]+")));
        assertTrue(words.size() > 5_000, "a realistic vocabulary: " + words.size() + " distinct words in 1 MiB");
        assertTrue(words.contains("the") && words.contains("and"));
    }

    @Test
    void kindsDifferFromEachOther() {
        Set<String> starts = new HashSet<>();
        for (DataKind k : DataKind.values()) {
            starts.add(Arrays.toString(k.bytes(64)));
            assertFalse(k.description().isBlank());
        }
        assertEquals(DataKind.values().length, starts.size());
    }

    @Test
    void edgeSizesStraddleEveryLimit() {
        int[] sizes = EdgeSizes.withLimits(8 << 20, 4096);
        assertArrayEquals(new int[] {0, 1, 2, 4095, 4096, 4097, 65_535, 65_536, 65_537, (1 << 20) - 1, 1 << 20,
            (1 << 20) + 1, (8 << 20) - 1, 8 << 20, (8 << 20) + 1}, sizes);
    }

    @Test
    void testFilesAreGeneratedWithoutTheCorpusAndSayHow() {
        for (String name : TestFiles.GENERATED) {
            DataSet set = TestFiles.dataSet(name);
            assertEquals(name, set.name());
            assertTrue(set.origin().startsWith("generated: "), set.origin());
            assertTrue(set.describe().contains(name));
        }
        assertTrue(TestFiles.file("text").length > 8 << 20, "text is larger than a device's per-request limit");
        assertEquals(100, TestFiles.sample("xml", 100).length);
        assertThrows(IllegalArgumentException.class, () -> TestFiles.file("dickens"));
    }

    @Test
    void theCorpusIsAnExtraWhenAFolderIsNamed(@TempDir Path folder) throws Exception {
        byte[] content = "a corpus file".getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("tiny.zip")))) {
            zip.putNextEntry(new ZipEntry("tiny"));
            zip.write(content);
        }
        String before = System.getProperty(SilesiaCorpus.PROPERTY);
        try {
            System.setProperty(SilesiaCorpus.PROPERTY, folder.resolve("missing").toString());
            assertEquals(TestFiles.GENERATED, TestFiles.all(), "no folder: generated files only, no failure");
            System.setProperty(SilesiaCorpus.PROPERTY, folder.toString());
            assertTrue(TestFiles.all().contains("silesia/tiny"));
            assertArrayEquals(content, TestFiles.file("silesia/tiny"));
            assertTrue(TestFiles.dataSet("silesia/tiny").origin().contains("tiny.zip"));
        } finally {
            if (before == null) {
                System.clearProperty(SilesiaCorpus.PROPERTY);
            } else {
                System.setProperty(SilesiaCorpus.PROPERTY, before);
            }
        }
    }

    @Test
    void pathWritesTheFileOnceForTools(@TempDir Path folder) throws Exception {
        Path p = TestFiles.path("xml", folder);
        assertArrayEquals(TestFiles.file("xml"), Files.readAllBytes(p));
        assertEquals(p, TestFiles.path("xml", folder));
    }
}
