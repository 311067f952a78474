package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.DecompressorInputStream;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The java.io streams of io.warpdrive.comp.stream, used by a consumer bundle (the probe)
 * inside Felix on the real soft driver, against java.util.zip in both directions over the
 * whole test files, in every algorithm: what the platform's output stream writes, the JDK's
 * input streams read back byte-identical; what the JDK's output streams write, the
 * platform's input stream reads back byte-identical; with writes and reads of 1 byte,
 * primes and 1 MiB.
 *
 * <p>These run here rather than as unit tests in bundles/core because only here is there a
 * real codec behind the engine (the soft driver is another bundle), and because this is
 * exactly what a consumer bundle gets: the exported package, its bundle-scoped Compressor,
 * the product's driver.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamFilesIT {
    /** Large enough for every block size and member boundary to occur many times. */
    private static final int SAMPLE = 1 << 20;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void awaitDriver() {
        InFramework.awaitGzipBothWays(platform);
    }

    @Test
    public void whatTheOutputStreamWritesTheJdkReadsBack() throws IOException {
        for (String name : TestFiles.all()) {
            byte[] original = TestFiles.file(name);
            for (Algorithm a : Jdk.ALGORITHMS) {
                byte[] packed = compress(SessionSpec.of(a).withLevel(1), original, Pieces.ODD);
                assertTrue(name + " " + a + " compresses", !TestFiles.compressible(name) || packed.length < original.length);
                assertArrayEquals(name + " " + a, original, Jdk.decompress(a, packed));
            }
        }
    }

    @Test
    public void whatTheJdkWritesTheInputStreamReadsBack() throws IOException {
        for (String name : TestFiles.all()) {
            byte[] original = TestFiles.file(name);
            for (Algorithm a : Jdk.ALGORITHMS) {
                byte[] packed = Jdk.compress(a, original, 6);
                assertArrayEquals(name + " " + a, original, decompress(SessionSpec.of(a), packed, Pieces.ODD));
            }
        }
    }

    @Test
    public void singleByteWritesAndReadsRoundTrip() throws IOException {
        for (String name : TestFiles.all()) {
            byte[] original = Arrays.copyOf(TestFiles.file(name), SAMPLE);
            for (Algorithm a : Jdk.ALGORITHMS) {
                SessionSpec spec = SessionSpec.of(a).withLevel(6);
                byte[] packed = compress(spec, original, Pieces.SINGLE_BYTES);
                assertArrayEquals(name + " " + a + " via the JDK", original, Jdk.decompress(a, packed));
                assertArrayEquals(name + " " + a, original, decompress(spec, packed, Pieces.SINGLE_BYTES));
            }
        }
    }

    @Test
    public void mebibyteWritesAndReadsRoundTripAtEveryLevel() throws IOException {
        byte[] original = TestFiles.file("xml");
        for (Algorithm a : Jdk.ALGORITHMS) {
            for (int level = 1; level <= 9; level += 4) {
                SessionSpec spec = SessionSpec.of(a).withLevel(level);
                byte[] packed = compress(spec, original, Pieces.MEBIBYTES);
                assertArrayEquals(a + " level " + level + " via the JDK", original, Jdk.decompress(a, packed));
                assertArrayEquals(a + " level " + level, original, decompress(spec, packed, Pieces.MEBIBYTES));
            }
        }
    }

    @Test
    public void smallAndOddBuffersChangeNothingButTheNumberOfRequests() throws IOException {
        for (Algorithm a : Jdk.ALGORITHMS) {
            for (int buffer : new int[] { 1, 16, 4099 }) {
                // a tiny buffer costs a request per few bytes: less data
                byte[] original = Arrays.copyOf(TestFiles.file("binary"), buffer < 100 ? 20_000 : SAMPLE / 4);
                SessionSpec spec = SessionSpec.of(a).withLevel(1);
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                try (OutputStream out = new CompressorOutputStream(sink, compressor, spec, buffer)) {
                    Pieces.write(out, original, Pieces.ODD);
                }
                byte[] packed = sink.toByteArray();
                assertArrayEquals(a + " buffer " + buffer + " via the JDK", original, Jdk.decompress(a, packed));
                try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(packed), compressor, spec,
                        buffer)) {
                    assertArrayEquals(a + " buffer " + buffer, original, Pieces.read(in, Pieces.ODD));
                }
            }
        }
    }

    private byte[] compress(SessionSpec spec, byte[] data, int[] writes) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(data.length / 2);
        try (OutputStream out = new CompressorOutputStream(sink, compressor, spec)) {
            Pieces.write(out, data, writes);
        }
        return sink.toByteArray();
    }

    private byte[] decompress(SessionSpec spec, byte[] packed, int[] reads) throws IOException {
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(packed), compressor, spec)) {
            return Pieces.read(in, reads);
        }
    }
}
