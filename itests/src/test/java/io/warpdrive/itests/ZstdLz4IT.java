package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.Compress;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.Decompress;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * zstd and LZ4 through the platform in a real Felix: zstd-jni's bundle resolves with its native
 * library (Felix picks the Linux entry of its Bundle-NativeCode), lz4-java's bundle resolves, the
 * zstd-lz4 driver serves both, and the one-shot helpers and the stream classes round-trip
 * through it in each.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZstdLz4IT {
    private static final Algorithm[] ALGORITHMS = { Algorithm.ZSTD, Algorithm.LZ4 };

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void awaitDriver() {
        for (Algorithm a : ALGORITHMS) {
            for (Operation op : Operation.values()) {
                assertTrue("a " + a + " " + op + " queue opens",
                        platform.awaitQueue(a, op, FallbackPolicy.AUTO, Duration.ofSeconds(30)));
            }
        }
    }

    @Test
    public void theLibrariesResolveAndLoadInFelix() {
        Bundle zstdJni = InFramework.bundle(context, "com.github.luben.zstd-jni");
        assertEquals(InFramework.state(zstdJni), Bundle.ACTIVE, zstdJni.getState());
        Bundle lz4Java = InFramework.bundle(context, "lz4-java");
        assertEquals(InFramework.state(lz4Java), Bundle.ACTIVE, lz4Java.getState());
        Bundle driver = InFramework.bundle(context, "io.warpdrive.driver.zstdlz4");
        assertEquals(InFramework.state(driver), Bundle.ACTIVE, driver.getState());
    }

    @Test
    public void requestsAreServedByTheZstdLz4Driver() {
        byte[] xml = TestFiles.sample("xml", 300_000);
        for (Algorithm a : ALGORITHMS) {
            try (Session s = compressor.openSession(SessionSpec.of(a).withLevel(a == Algorithm.ZSTD ? 19 : 9))) {
                ByteBuffer out = ByteBuffer.allocateDirect((int) a.compressBound(xml.length));
                Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(xml)).destination(out);
                s.execute(r);
                assertEquals("zstd-lz4", r.servedBy());
                byte[] compressed = new byte[out.flip().remaining()];
                out.get(compressed);
                assertTrue(a + ": " + compressed.length, compressed.length < xml.length / (a == Algorithm.ZSTD ? 3 : 2));
                assertArrayEquals(xml, s.decompress(compressed));
            }
        }
    }

    @Test
    public void oneShotHelpersAndStreamsRoundTrip() throws Exception {
        for (Algorithm a : ALGORITHMS) {
            roundTrip(a, a == Algorithm.ZSTD ? -3 : 1);
        }
    }

    private void roundTrip(Algorithm algorithm, int level) throws Exception {
        byte[] text = TestFiles.sample("text", 700_001);
        byte[] packed = Compress.toArray(compressor, algorithm, text);
        assertArrayEquals(text, Decompress.toArray(compressor, algorithm, packed));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(bytes, compressor,
                SessionSpec.of(algorithm).withLevel(level))) {
            for (int at = 0; at < text.length; at += 65_537) {
                out.write(text, at, Math.min(65_537, text.length - at));
                out.flush();
            }
        }
        byte[] streamed = bytes.toByteArray();
        // two streams' frames concatenated read as one
        byte[] both = Bytes.concat(streamed, packed);
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(both), compressor,
                algorithm)) {
            assertArrayEquals(Bytes.concat(text, text), in.readAllBytes());
        }
    }
}
