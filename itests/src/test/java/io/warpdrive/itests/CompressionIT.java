package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A consumer bundle (the test probe) gets its Compressor and compresses real data through
 * the soft driver inside Felix: the test files round-trip in every algorithm at levels 1 and 6
 * and interoperates with java.util.zip; corrupt input gives typed errors and the platform
 * goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CompressionIT {

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    private void awaitDriver() {
        InFramework.awaitGzipBothWays(platform);
    }

    @Test
    public void everyTestFileRoundTripsInEveryAlgorithmAtLevels1And6() {
        awaitDriver();
        for (String name : TestFiles.all()) {
            byte[] original = TestFiles.file(name);
            for (Algorithm a : Jdk.ALGORITHMS) {
                for (int level : new int[] { 1, 6 }) {
                    try (Session s = compressor.openSession(SessionSpec.of(a).withLevel(level))) {
                        byte[] compressed = s.compress(original);
                        assertTrue(name + " " + a + " " + level + " compresses",
                                !TestFiles.compressible(name) || compressed.length < original.length);
                        // independent check: java.util.zip reads it back byte-identical
                        assertArrayEquals(name + " " + a + " " + level + " via java.util.zip", original,
                                Jdk.decompress(a, compressed));
                        assertArrayEquals(name + " " + a + " " + level + " via the platform", original,
                                s.decompress(compressed));
                    }
                }
            }
        }
    }

    @Test
    public void javaUtilZipOutputDecompressesThroughThePlatform() {
        awaitDriver();
        byte[] original = TestFiles.file("xml");
        for (Algorithm a : Jdk.ALGORITHMS) {
            try (Session s = compressor.openSession(SessionSpec.of(a))) {
                assertArrayEquals(a.toString(), original, s.decompress(Jdk.compress(a, original, 9)));
            }
        }
    }

    @Test
    public void scatterGatherDirectBuffersAndAsyncRequests() throws Exception {
        awaitDriver();
        byte[] original = Arrays.copyOf(TestFiles.file("text"), 300_000);
        // On the soft driver, which takes scatter-gather lists and heap memory as they are (isal, where
        // libisal is installed, would serve AUTO and have the platform gather them).
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1).withDriver("soft"))) {
            SgList src = SgList.of(ByteBuffer.wrap(original, 0, 1), ByteBuffer.wrap(original, 1, 99_999),
                    direct(original, 100_000, 200_000));
            ByteBuffer out1 = ByteBuffer.allocateDirect(50_000);
            ByteBuffer out2 = ByteBuffer.allocate(200_000);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(SgList.of(out1, out2));
            Request done = s.submit(r).toCompletableFuture().get(InFramework.TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(original.length, done.consumed());
            assertFalse(src.hasRemaining());
            byte[] compressed = new byte[(int) done.produced()];
            int inFirst = (int) Math.min(out1.capacity(), done.produced());
            out1.flip().get(compressed, 0, inFirst);
            out2.flip().get(compressed, inFirst, compressed.length - inFirst);
            assertArrayEquals(original, Jdk.decompress(Algorithm.GZIP, compressed));
            assertEquals("soft", done.servedBy());
        }
    }

    private static ByteBuffer direct(byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        b.put(data, offset, length).flip();
        return b;
    }

    @Test
    public void streamsCompressAndDecompressInPieces() {
        awaitDriver();
        byte[] original = TestFiles.file("binary");
        for (Algorithm a : Jdk.ALGORITHMS) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(a).withLevel(1))) {
                ByteBuffer out = ByteBuffer.allocate(40_000);
                int pos = 0;
                while (true) {
                    int n = Math.min(77_777, original.length - pos);
                    boolean last = pos + n == original.length;
                    ByteBuffer in = ByteBuffer.wrap(original, pos, n);
                    Request r = st.newRequest().source(in).flush(last ? Flush.FINISH : Flush.NONE);
                    do {
                        out.clear();
                        st.execute(r.destination(out));
                        compressed.write(out.array(), 0, out.position());
                    } while (in.hasRemaining() || (last && !r.endOfStream()));
                    pos += n;
                    if (last) {
                        break;
                    }
                }
                assertTrue(st.isFinished());
            }
            assertArrayEquals(a + " stream", original, Jdk.decompress(a, compressed.toByteArray()));
            // and back through a decompression stream fed in small pieces
            byte[] packed = compressed.toByteArray();
            ByteArrayOutputStream restored = new ByteArrayOutputStream();
            try (StreamSession st = compressor.openStream(Operation.DECOMPRESS, SessionSpec.of(a))) {
                ByteBuffer out = ByteBuffer.allocate(64 * 1024);
                for (int pos = 0; pos < packed.length;) {
                    int n = Math.min(10_007, packed.length - pos);
                    boolean last = pos + n == packed.length;
                    ByteBuffer in = ByteBuffer.wrap(packed, pos, n);
                    do {
                        out.clear();
                        st.process(in, out, last ? Flush.FINISH : Flush.NONE);
                        restored.write(out.array(), 0, out.position());
                    } while (in.hasRemaining() || out.position() == out.capacity());
                    pos += n;
                }
                assertTrue(st.isFinished());
            }
            assertArrayEquals(a + " decompression stream", original, restored.toByteArray());
        }
    }

    @Test
    public void corruptInputGivesTypedErrorsAndThePlatformGoesOnServing() {
        awaitDriver();
        byte[] original = Arrays.copyOf(TestFiles.file("rows"), 200_000);
        Set<WdStatus> dataErrors = EnumSet.of(WdStatus.CORRUPT_INPUT, WdStatus.TRUNCATED_INPUT, WdStatus.CHECKSUM_MISMATCH);
        for (Algorithm a : Jdk.ALGORITHMS) {
            try (Session s = compressor.openSession(SessionSpec.of(a))) {
                byte[] good = s.compress(original);
                // truncated
                InFramework.expectDecompressionFailure(dataErrors, s, Arrays.copyOf(good, good.length / 2),
                        a + " truncated");
                // bit flips in the body
                for (int i = 0; i < 20; i++) {
                    byte[] bad = good.clone();
                    int at = 20 + (i * 7919) % (good.length - 40);
                    bad[at] ^= (byte) (1 << (i % 8));
                    try {
                        byte[] out = s.decompress(bad);
                        // a flip that keeps the stream valid must still be caught by the checksum
                        if (a != Algorithm.DEFLATE) {
                            fail(a + " bit flip at " + at + " went unnoticed");
                        }
                        assertNotNull(out);
                    } catch (WdException e) {
                        assertTrue(a + " flip at " + at + ": " + e.status(), dataErrors.contains(e.status()));
                    }
                }
                if (a != Algorithm.DEFLATE) {
                    // wrong magic / header
                    byte[] badHeader = good.clone();
                    badHeader[0] ^= 0x55;
                    InFramework.expectDecompressionFailure(dataErrors, s, badHeader, a + " bad header");
                    // wrong checksum in the trailer
                    byte[] badSum = good.clone();
                    badSum[good.length - (a == Algorithm.GZIP ? 8 : 1)] ^= 0x01;
                    WdException e = InFramework.expectDecompressionFailure(dataErrors, s, badSum,
                            a + " bad checksum");
                    assertEquals(WdStatus.CHECKSUM_MISMATCH, e.status());
                }
                // and the platform still serves this session
                assertArrayEquals(original, s.decompress(good));
            }
        }
    }
}
