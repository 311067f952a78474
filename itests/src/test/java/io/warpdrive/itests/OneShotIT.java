package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.Compress;
import io.warpdrive.comp.stream.Decompress;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
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
 * {@link Compress} and {@link Decompress} on the real soft driver: arrays and heap or direct
 * buffers round-trip against java.util.zip, concatenated gzip members decompress whole, and
 * a destination that is too small fails without moving anything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneShotIT {

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
    public void arraysRoundTripAgainstTheJdk() {
        byte[] xml = TestFiles.file("xml");
        for (Algorithm a : Jdk.ALGORITHMS) {
            SessionSpec spec = SessionSpec.of(a).withLevel(1);
            assertArrayEquals(a + " default settings", xml, Jdk.decompress(a, Compress.toArray(compressor, a, xml)));
            assertArrayEquals(a + " level 1", xml, Jdk.decompress(a, Compress.toArray(compressor, spec, xml)));
            assertArrayEquals(a + " a slice", Arrays.copyOfRange(xml, 1000, 501_000),
                    Jdk.decompress(a, Compress.toArray(compressor, spec, xml, 1000, 500_000)));

            byte[] packed = Jdk.compress(a, xml, 9);
            assertArrayEquals(a + " from the JDK", xml, Decompress.toArray(compressor, a, packed));
            byte[] framed = Bytes.concat(new byte[7], packed, new byte[3]);
            assertArrayEquals(a + " from a slice", xml, Decompress.toArray(compressor, spec, framed, 7, packed.length));
        }
    }

    @Test
    public void concatenatedGzipMembersDecompressWhole() {
        byte[] a = Bytes.sample("text", 100_003);
        byte[] b = Bytes.sample("rows", 200_003);
        byte[] members = Bytes.concat(Jdk.compress(Algorithm.GZIP, a, 6),
                Compress.toArray(compressor, Algorithm.GZIP, b));
        assertArrayEquals(Bytes.concat(a, b), Decompress.toArray(compressor, SessionSpec.of(Algorithm.GZIP), members));
    }

    @Test
    public void heapAndDirectBuffersAdvanceByWhatWasConsumedAndProduced() {
        byte[] data = Bytes.sample("binary", 300_007);
        for (Algorithm a : Jdk.ALGORITHMS) {
            SessionSpec spec = SessionSpec.of(a);
            ByteBuffer src = ByteBuffer.wrap(data);
            ByteBuffer packed = ByteBuffer.allocateDirect((int) compressor.maxCompressedLength(a, data.length));
            int n = Compress.into(compressor, spec, src, packed);
            assertEquals(data.length, src.position());
            assertEquals(n, packed.position());

            packed.flip();
            byte[] copy = new byte[n];
            packed.duplicate().get(copy);
            assertArrayEquals(a + " via the JDK", data, Jdk.decompress(a, copy));

            ByteBuffer restored = ByteBuffer.allocate(data.length);
            assertEquals(data.length, Decompress.into(compressor, spec, packed, restored));
            assertEquals(n, packed.position());
            assertArrayEquals(a.toString(), data, restored.array());
        }
    }

    @Test
    public void aDestinationTooSmallFailsWithoutMovingAnything() {
        byte[] data = Bytes.sample("xml", 100_003);
        for (Algorithm a : Jdk.ALGORITHMS) {
            ByteBuffer packed = ByteBuffer.wrap(Jdk.compress(a, data, 6));
            ByteBuffer almost = ByteBuffer.allocateDirect(data.length - 1);
            WdException e = assertThrows(WdException.class,
                    () -> Decompress.into(compressor, SessionSpec.of(a), packed, almost));
            assertEquals(a.toString(), WdStatus.OUTPUT_TOO_SMALL, e.status());
            assertEquals(0, packed.position());
            assertEquals(0, almost.position());

            ByteBuffer src = ByteBuffer.wrap(data);
            ByteBuffer tiny = ByteBuffer.allocate(100);
            e = assertThrows(WdException.class, () -> Compress.into(compressor, SessionSpec.of(a), src, tiny));
            assertEquals(a.toString(), WdStatus.OUTPUT_TOO_SMALL, e.status());
            assertEquals(0, src.position());
            assertEquals(0, tiny.position());
        }
    }
}
