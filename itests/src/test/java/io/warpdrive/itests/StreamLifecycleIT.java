package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.stream.CompressorOutputStream;
import io.warpdrive.comp.stream.DecompressorInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.List;
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
 * flush, finish and close of the streams with a real codec, as java.util.zip's streams
 * behave: a flush makes everything written so far decodable from what has been written;
 * finish ends the compressed stream and leaves the underlying one open; close is final and
 * happens once. And when the driver holding a stream goes away, the stream fails with a
 * clear IOException and a new stream works once the driver is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamLifecycleIT {
    private static final Set<WdStatus> DRIVER_WENT_AWAY = EnumSet.of(WdStatus.DRIVER_GONE, WdStatus.QUEUE_CLOSED,
            WdStatus.NO_DRIVER);

    @Inject
    private BundleContext context;

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
    public void flushMakesEverythingWrittenSoFarDecodableFromWhatHasBeenWritten() throws IOException {
        byte[] first = Bytes.sample("text", 100_003);
        byte[] second = Bytes.sample("xml", 300_007);
        for (Algorithm a : Jdk.ALGORITHMS) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream out = new CompressorOutputStream(sink, compressor, SessionSpec.of(a).withLevel(6))) {
                Pieces.write(out, first, Pieces.ODD);
                out.flush();
                assertPrefixDecodes(a, sink.toByteArray(), first);

                Pieces.write(out, second, Pieces.ODD);
                out.flush();
                byte[] both = Bytes.concat(first, second);
                assertPrefixDecodes(a, sink.toByteArray(), both);

                int size = sink.size();
                out.flush();
                assertEquals(a + ": a flush with nothing new writes nothing", size, sink.size());
            }
            assertArrayEquals(a.toString(), Bytes.concat(first, second), Jdk.decompress(a, sink.toByteArray()));
        }
    }

    /**
     * What was flushed decodes, with the JDK and with the platform, to exactly the bytes
     * written; asking for more finds the stream truncated, not ended.
     */
    private void assertPrefixDecodes(Algorithm a, byte[] prefix, byte[] written) throws IOException {
        try (InputStream jdk = Jdk.input(a, new ByteArrayInputStream(prefix))) {
            assertArrayEquals(a + " flushed, read by the JDK", written, jdk.readNBytes(written.length));
            assertThrows(EOFException.class, jdk::read);
        }
        try (InputStream ours = new DecompressorInputStream(new ByteArrayInputStream(prefix), compressor, a)) {
            assertArrayEquals(a + " flushed, read by the platform", written, ours.readNBytes(written.length));
            assertThrows(EOFException.class, ours::read);
        }
    }

    @Test
    public void finishEndsTheCompressedStreamAndLeavesTheUnderlyingStreamOpen() throws IOException {
        byte[] data = Bytes.sample("binary", 200_003);
        byte[] after = "data of the caller's own after the compressed stream".getBytes(StandardCharsets.US_ASCII);
        for (Algorithm a : Jdk.ALGORITHMS) {
            CountingSink sink = new CountingSink();
            CompressorOutputStream out = new CompressorOutputStream(sink, compressor, a);
            out.write(data);
            out.finish();
            out.finish();
            assertThrows(IOException.class, () -> out.write(1));
            sink.write(after);
            out.close();
            assertEquals(1, sink.closes);
            byte[] written = sink.bytes.toByteArray();
            assertArrayEquals(a + " via the JDK", data, Jdk.decompress(a, written));
            try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(written), compressor, a)) {
                assertArrayEquals(a.toString(), data, in.readAllBytes());
            }
        }
    }

    @Test
    public void closeHappensOnceAndEveryUseAfterItFails() throws IOException {
        byte[] data = Bytes.sample("rows", 100_003);
        CountingSink sink = new CountingSink();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, Algorithm.GZIP);
        out.write(data);
        out.close();
        int size = sink.bytes.size();
        out.close();
        assertEquals("the trailer is written once", size, sink.bytes.size());
        assertEquals("the underlying stream is closed once", 1, sink.closes);
        assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, sink.bytes.toByteArray()));
        assertEquals("the compressing stream is closed", assertThrows(IOException.class, () -> out.write(1))
                .getMessage());
        assertThrows(IOException.class, out::flush);

        DecompressorInputStream in = new DecompressorInputStream(new ByteArrayInputStream(sink.bytes.toByteArray()),
                compressor, Algorithm.GZIP);
        assertEquals(data[0] & 0xff, in.read());
        in.close();
        in.close();
        assertEquals("the decompressing stream is closed", assertThrows(IOException.class, in::read).getMessage());
        assertThrows(IOException.class, () -> in.read(new byte[10]));
    }

    @Test
    public void aDriverGoingAwayFailsItsStreamsClearlyAndNewStreamsWorkWhenItIsBack() throws Exception {
        // The CPU drivers (soft, and isal where libisal is installed): with them gone no driver is left.
        List<Bundle> cpu = InFramework.cpuDrivers(context);
        byte[] data = Bytes.sample("text", 1 << 20);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, Algorithm.GZIP);
        out.write(data, 0, 1000);
        out.flush(); // the stream's state now lives on a CPU driver
        DecompressorInputStream in = new DecompressorInputStream(
                new ByteArrayInputStream(Jdk.compress(Algorithm.GZIP, data, 6)), compressor,
                SessionSpec.of(Algorithm.GZIP), 4096);
        assertEquals(data[0] & 0xff, in.read());

        InFramework.stop(cpu);
        try {
            IOException writing = assertThrows(IOException.class, () -> {
                out.write(data);
                out.flush();
            });
            assertDriverWentAway(writing);
            IOException closing = assertThrows(IOException.class, out::close);
            assertTrue(closing.getMessage(), closing.getMessage().contains("incomplete"));

            IOException reading = assertThrows(IOException.class, in::readAllBytes);
            assertDriverWentAway(reading);
            in.close();

            // a stream opened while no driver is there fails when it needs one
            CompressorOutputStream early = new CompressorOutputStream(new ByteArrayOutputStream(), compressor,
                    Algorithm.ZLIB);
            early.write(data, 0, 10);
            assertDriverWentAway(assertThrows(IOException.class, early::close));
        } finally {
            InFramework.start(cpu);
        }
        awaitDriver();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (OutputStream fresh = new CompressorOutputStream(again, compressor, Algorithm.GZIP)) {
            fresh.write(data);
        }
        try (InputStream back = new DecompressorInputStream(new ByteArrayInputStream(again.toByteArray()), compressor,
                Algorithm.GZIP)) {
            assertArrayEquals(data, back.readAllBytes());
        }
    }

    private static void assertDriverWentAway(IOException e) {
        assertFalse(e + " is not a data error", e instanceof ZipException || e instanceof EOFException);
        assertTrue(e + " is caused by the platform's exception", e.getCause() instanceof WdException);
        WdStatus status = ((WdException) e.getCause()).status();
        assertTrue(e.getMessage(), DRIVER_WENT_AWAY.contains(status));
    }

    /** An underlying stream that counts how often it is closed. */
    private static final class CountingSink extends FilterOutputStream {
        final ByteArrayOutputStream bytes;
        int closes;

        CountingSink() {
            this(new ByteArrayOutputStream());
        }

        private CountingSink(ByteArrayOutputStream bytes) {
            super(bytes);
            this.bytes = bytes;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
