package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.Compress;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.Decompress;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
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
import org.osgi.framework.ServiceReference;

/**
 * zstd and LZ4 through the platform in a real Felix: zstd-jni's bundle resolves with its native
 * library (Felix picks the Linux entry of its Bundle-NativeCode), lz4-java's bundle resolves, the
 * zstd-lz4 driver serves both with lz4-java's JNI library, honours frame options, and the
 * one-shot helpers and the stream classes round-trip through it in each.
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

    /**
     * lz4-java's {@code fastestInstance()} gives its Java code to any class loader but the system
     * one, so the driver asks for the JNI library itself: its devices say which they got
     * ({@code wd:devices} shows the same attribute), and inside Felix it is the JNI one, with
     * lz4-java's native XXH32 for the content checksum.
     */
    @Test
    public void theLz4BlocksAreLz4JavasJniLibraryInsideFelix() throws Exception {
        Collection<ServiceReference<Driver>> refs = context.getServiceReferences(Driver.class,
                "(driver.name=zstd-lz4)");
        assertEquals(1, refs.size());
        Driver driver = context.getService(refs.iterator().next());
        try {
            assertTrue("the driver has devices", !driver.devices().isEmpty());
            for (Device d : driver.devices()) {
                String codec = d.attributes().get("codec");
                assertTrue(d.name() + ": " + codec, codec != null && codec.contains("LZ4Factory:JNI"));
                assertTrue(d.name() + ": " + codec, codec.contains("XXHashFactory:JNI"));
            }
        } finally {
            context.ungetService(refs.iterator().next());
        }
    }

    /** Frame options reach the driver in Felix: zstd's window log and no content size, in the frame header. */
    @Test
    public void frameOptionsAreHonouredInFelix() {
        byte[] xml = TestFiles.sample("xml", 200_000);
        SessionSpec spec = SessionSpec.of(Algorithm.ZSTD)
                .withFrame(FrameOptions.DEFAULT.withWindowLog(15).withContentSize(false));
        try (Session s = compressor.openSession(spec)) {
            ByteBuffer out = ByteBuffer.allocate((int) Algorithm.ZSTD.compressBound(xml.length));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(xml)).destination(out);
            s.execute(r);
            assertEquals("zstd-lz4", r.servedBy());
            int fhd = out.get(4) & 0xFF;
            assertEquals("no content size, not single-segment, checksum", 0x04, fhd & 0xE4);
            assertEquals("window log 15", 15, 10 + ((out.get(5) & 0xFF) >>> 3));
            assertArrayEquals(xml, s.decompress(Arrays.copyOf(out.array(), out.position())));
        }
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
