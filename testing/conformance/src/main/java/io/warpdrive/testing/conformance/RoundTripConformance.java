package io.warpdrive.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.format.ZlibFormat;
import io.warpdrive.testing.conformance.Buffers.Layout;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.data.EdgeSizes;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stateless round trips through the driver under test: every test file (generated text,
 * source, XML, rows, binary, random bytes, runs and mixtures; the Silesia corpus's files too
 * when it is there) in every algorithm at levels 1 and 6 (whole files, so a driver with a
 * per-request size limit must split them itself), the other levels on samples, every edge
 * size (0, 1, 2 bytes, around 4 KiB, 64 KiB, 1 MiB and the driver's own limits), each in
 * flat and scatter-gather layouts on heap and direct memory; the compressed data is checked
 * with the reference codec ({@link ReferenceCodecs}: java.util.zip, zstd-jni), and the reference
 * codec's own output, empty input, concatenated gzip members
 * and gzip headers with every optional field decompress.
 */
public abstract class RoundTripConformance extends DriverConformance {
    private static final int SAMPLE = 256 * 1024;

    /** Compress layout → decompress layout: each layout once on each side, never both sides alike. */
    private static final Layout[][] LAYOUT_PAIRS = {
        {Layout.FLAT_HEAP, Layout.SG_DIRECT}, {Layout.SG_HEAP, Layout.FLAT_DIRECT},
        {Layout.FLAT_DIRECT, Layout.SG_HEAP}, {Layout.SG_DIRECT, Layout.FLAT_HEAP},
    };

    /** Every file × algorithm × level 1 and 6, each file with two of the layout pairs (alternating). */
    Stream<Arguments> wholeFiles() {
        List<Arguments> cases = new ArrayList<>();
        List<String> files = TestFiles.all();
        for (int f = 0; f < files.size(); f++) {
            for (Algorithm algorithm : servedAlgorithms().toList()) {
                for (int level : new int[] {1, 6}) {
                    int pair = (f + level + algorithm.ordinal()) % LAYOUT_PAIRS.length;
                    cases.add(Arguments.of(files.get(f), algorithm, level, LAYOUT_PAIRS[pair][0],
                            LAYOUT_PAIRS[pair][1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} level {2}: compress {3}, decompress {4}")
    @MethodSource("wholeFiles")
    void wholeFileRoundTrip(String file, Algorithm algorithm, int level, Layout compressLayout,
            Layout decompressLayout) throws IOException {
        roundTrip(TestFiles.file(file), TestFiles.compressible(file), algorithm, level, compressLayout,
                decompressLayout);
    }

    Stream<Arguments> otherLevels() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : TestFiles.GENERATED) {
            for (Algorithm algorithm : servedAlgorithms().toList()) {
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
        byte[] sample = TestFiles.sample(file, SAMPLE);
        Layout[] pair = LAYOUT_PAIRS[level % LAYOUT_PAIRS.length];
        roundTrip(sample, TestFiles.compressible(file), algorithm, level, pair[0], pair[1]);
    }

    /**
     * Every edge size (the standard ones and around the driver's own limits) in every algorithm,
     * the data kind and the layouts changing from size to size, the level alternating 1 and 6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servedAlgorithms")
    void edgeSizesRoundTrip(Algorithm algorithm) throws IOException {
        assumeServes(algorithm);
        int[] sizes = EdgeSizes.withLimits(driverUnderTest.requestLimits());
        DataKind[] kinds = DataKind.values();
        for (int i = 0; i < sizes.length; i++) {
            DataKind kind = kinds[(i + algorithm.ordinal()) % kinds.length];
            Layout[] pair = LAYOUT_PAIRS[i % LAYOUT_PAIRS.length];
            int level = i % 2 == 0 ? 1 : 6;
            try {
                roundTrip(kind.bytes(sizes[i]), false, algorithm, level, pair[0], pair[1]);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(sizes[i] + " bytes of " + kind.fileName() + ", level " + level + ", "
                        + pair[0] + " → " + pair[1] + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * An algorithm the driver compresses but does not decompress: every edge size (around its
     * own limits too) and every data kind, compressed by the driver and read back by the
     * reference decoder, instead of being skipped.
     */
    @Test
    void compressOnlyAlgorithmsRoundTripThroughTheReferenceDecoder() throws IOException {
        Set<Algorithm> compressOnly = driverUnderTest.compressOnlyAlgorithms();
        Assumptions.assumeFalse(compressOnly.isEmpty(),
                "driver " + driverName() + " decompresses every algorithm it compresses");
        int[] sizes = EdgeSizes.withLimits(driverUnderTest.requestLimits());
        DataKind[] kinds = DataKind.values();
        for (Algorithm algorithm : compressOnly) {
            for (int i = 0; i < sizes.length; i++) {
                DataKind kind = kinds[(i + algorithm.ordinal()) % kinds.length];
                Layout layout = LAYOUT_PAIRS[i % LAYOUT_PAIRS.length][0];
                int level = i % 2 == 0 ? 1 : 6;
                byte[] original = kind.bytes(sizes[i]);
                try (Session s = compressor.openSession(SessionSpec.of(algorithm).withLevel(level))) {
                    byte[] compressed = compressOnDriver(s, original, false, layout);
                    assertArrayEquals(original, ReferenceCodecs.decompress(algorithm, compressed),
                            "the reference codec reads it");
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(algorithm + ", " + sizes[i] + " bytes of " + kind.fileName() + ", level "
                            + level + ", " + layout + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Compresses {@code original} on the driver under test in {@code layout}; the compressed bytes. */
    private byte[] compressOnDriver(Session s, byte[] original, boolean compressible, Layout layout) {
        SgList source = layout.source(original);
        SgList compressedSpace = layout.space(Buffers.compressBound(original.length));
        Request compress = s.newRequest().operation(Operation.COMPRESS).source(source).destination(compressedSpace);
        s.execute(compress);
        assertServedByDriver(compress);
        assertTrue(compress.endOfStream(), "a stateless compression is a whole stream");
        assertEquals(original.length, compress.consumed(), "all input consumed");
        assertEquals(0, source.remaining(), "source positions advanced to the end");
        byte[] compressed = Buffers.produced(compressedSpace);
        assertEquals(compressed.length, compress.produced());
        if (compressible) {
            assertTrue(compressed.length < original.length, "the file compresses");
        }
        return compressed;
    }

    private void roundTrip(byte[] original, boolean compressible, Algorithm algorithm, int level,
            Layout compressLayout, Layout decompressLayout) throws IOException {
        try (Session s = session(algorithm, level)) {
            byte[] compressed = compressOnDriver(s, original, compressible, compressLayout);
            assertArrayEquals(original, ReferenceCodecs.decompress(algorithm, compressed), "the reference codec reads it");

            SgList compressedSource = decompressLayout.source(compressed);
            SgList space = decompressLayout.space(original.length);
            Request decompress = s.newRequest().operation(Operation.DECOMPRESS).source(compressedSource)
                    .destination(space);
            s.execute(decompress);
            assertServedByDriver(decompress);
            assertTrue(decompress.endOfStream());
            assertEquals(compressed.length, decompress.consumed(), "all compressed input consumed");
            assertEquals(0, space.remaining(), "the destination, exactly the original's size, is full");
            assertArrayEquals(original, Buffers.produced(space));
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void referenceCodecOutputDecompresses(Algorithm algorithm) {
        byte[] original = TestFiles.sample("xml", SAMPLE);
        try (Session s = session(algorithm, 6)) {
            for (int level : new int[] {1, 9}) {
                assertArrayEquals(original, s.decompress(ReferenceCodecs.compress(algorithm, level, original)),
                        "the reference codec's level " + level);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servedAlgorithms")
    void emptyInputRoundTrips(Algorithm algorithm) throws IOException {
        try (Session s = session(algorithm, 6)) {
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.allocate(0)).destination(out);
            s.execute(r);
            assertServedByDriver(r);
            byte[] compressed = new byte[(int) r.produced()];
            out.flip().get(compressed);
            assertArrayEquals(new byte[0], ReferenceCodecs.decompress(algorithm, compressed));
            assertArrayEquals(new byte[0], s.decompress(compressed));
        }
    }

    @Test
    void concatenatedGzipMembersDecompressAsOne() {
        byte[] a = TestFiles.sample("text", 100_000);
        byte[] b = TestFiles.sample("xml", 70_000);
        byte[] members = GzipMembers.concat(GzipMembers.member(HeaderBytes.gzip().name("a.txt"), a, 6),
                GzipMembers.member(HeaderBytes.gzip(), new byte[0], 6),
                GzipMembers.member(HeaderBytes.gzip().comment("third").headerCrc(), b, 1));
        try (Session s = session(Algorithm.GZIP, 6)) {
            ByteBuffer out = ByteBuffer.allocate(a.length + b.length);
            Request r = s.newRequest().operation(Operation.DECOMPRESS).source(ByteBuffer.wrap(members))
                    .destination(out);
            s.execute(r);
            assertServedByDriver(r);
            assertTrue(r.endOfStream());
            assertEquals(members.length, r.consumed());
            assertArrayEquals(GzipMembers.concat(a, b), out.array());
        }
    }

    @Test
    void gzipHeadersWithEveryOptionalFieldDecompress() {
        byte[] data = TestFiles.sample("binary", 50_000);
        HeaderBytes[] headers = {
            HeaderBytes.gzip().name("dickens").mtime(1_700_000_000L).xfl(2),
            HeaderBytes.gzip().text().mtime(0xFFFF_FFFFL).extra(new byte[] {'A', 'B', 3, 0, 7, 8, 9}),
            HeaderBytes.gzip().extra(new byte[300]).name("n").comment("a comment").headerCrc(),
            HeaderBytes.gzip().text().extra(new byte[0]).name("").comment("").headerCrc().os(255),
        };
        try (Session s = session(Algorithm.GZIP, 6)) {
            for (HeaderBytes h : headers) {
                byte[] member = GzipMembers.member(h, data, 6);
                assertArrayEquals(data, s.decompress(member), "header of " + h.build().length + " bytes");
            }
        }
    }

    /** The windows the driver compresses with (an instance method: the driver is started by then). */
    Stream<WindowSize> compressionWindows() {
        return driverUnderTest.compressionWindows().stream();
    }

    @ParameterizedTest
    @MethodSource("compressionWindows")
    void compressionWindows(WindowSize window) throws IOException {
        assumeServes(Algorithm.ZLIB);
        byte[] original = TestFiles.sample("text", SAMPLE);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.ZLIB).withWindow(window))) {
            byte[] compressed = s.compress(original);
            int cinfo = (compressed[0] & 0xff) >>> 4;
            assertTrue(ZlibFormat.windowBytes(cinfo) >= window.bytes(), "the header announces the window");
            assertArrayEquals(original, ReferenceCodecs.decompress(Algorithm.ZLIB, compressed));
            assertArrayEquals(original, s.decompress(compressed));
        }
    }
}
