package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plumbing of {@link DecompressorInputStream} against a real engine whose driver copies
 * input to output: reads of any size over an underlying stream that trickles, the end,
 * errors mapped to what java.util.zip throws, closing. Real gzip, zlib and deflate data —
 * concatenated members, trailing data, truncation — are tested with the soft driver in the
 * integration tests (itests: StreamsIT).
 */
class DecompressorInputStreamTest {
    private static final SessionSpec ZLIB = SessionSpec.of(Algorithm.ZLIB);

    private TestPlatform platform;
    private Compressor compressor;

    @BeforeEach
    void start() {
        platform = TestPlatform.withCopyingDriver();
        compressor = platform.compressorFor("test.consumer");
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Tiny buffers and trickles cost a request per few bytes: they get less data. */
    @ParameterizedTest(name = "{3} bytes in reads of {0}, buffer {1}, underlying reads of at most {2}")
    @CsvSource({ "1,65536,65536,2097157", "1,16,3,100003", "7,1,1,20011", "4093,4096,5000,2097157",
            "65537,65536,1000000,2097157", "1048576,65536,65536,2097157", "1048576,100,7,100003" })
    void readsOfAnySizeReturnEveryByteInOrderThenMinusOne(int readSize, int bufferSize, int trickle, int length)
            throws IOException {
        byte[] data = random(length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = new DecompressorInputStream(new TrickleInputStream(data, trickle), compressor, ZLIB,
                bufferSize)) {
            byte[] b = new byte[readSize];
            for (;;) {
                if (readSize == 1) {
                    int c = in.read();
                    if (c < 0) {
                        break;
                    }
                    got.write(c);
                } else {
                    int n = in.read(b, 0, readSize);
                    if (n < 0) {
                        break;
                    }
                    assertTrue(n > 0, "a read of " + readSize + " bytes returned " + n);
                    got.write(b, 0, n);
                }
            }
            assertEquals(-1, in.read(), "the end stays the end");
            assertEquals(-1, in.read(b, 0, b.length));
            assertEquals(0, in.read(b, 0, 0));
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void skipDropsDecompressedBytes() throws IOException {
        byte[] data = random(300_000);
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(data), compressor, ZLIB, 1000)) {
            assertEquals(0, in.skip(0));
            assertEquals(123_457, in.skip(123_457));
            assertEquals(data[123_457] & 0xff, in.read());
            assertEquals(data.length - 123_458, in.skip(Long.MAX_VALUE));
            assertEquals(-1, in.read());
            assertThrows(IllegalArgumentException.class, () -> in.skip(-1));
        }
    }

    @Test
    void marksAreNotSupportedAndNeverReachTheCompressedStream() throws IOException {
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(random(10)), compressor, ZLIB)) {
            assertFalse(in.markSupported());
            in.mark(100);
            assertThrows(IOException.class, in::reset);
        }
    }

    @Test
    void availableCountsWhatIsDecompressedAlready() throws IOException {
        byte[] data = random(100);
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(data), compressor, ZLIB)) {
            assertEquals(0, in.available(), "nothing asked of the platform yet");
            assertEquals(data[0] & 0xff, in.read());
            assertEquals(99, in.available());
        }
    }

    @Test
    void closeClosesEverythingOnceAndReleasesTheStream() throws IOException {
        TrickleInputStream source = new TrickleInputStream(random(1000), 100);
        DecompressorInputStream in = new DecompressorInputStream(source, compressor, ZLIB);
        in.read();
        assertEquals(1, platform.openStreamStates());
        in.close();
        assertEquals(1, source.closes);
        assertEquals(0, platform.openStreamStates(), "close releases the stream session");
        in.close();
        assertEquals(1, source.closes, "a second close does nothing");
    }

    @Test
    void everyUseAfterCloseFailsClearly() throws IOException {
        DecompressorInputStream in = new DecompressorInputStream(new ByteArrayInputStream(random(10)), compressor,
                ZLIB);
        in.close();
        for (CompressorOutputStreamTest.IoCall call : new CompressorOutputStreamTest.IoCall[] { in::read,
                () -> in.read(new byte[3]), () -> in.read(new byte[3], 1, 1), () -> in.skip(1), in::available }) {
            IOException e = assertThrows(IOException.class, call::run);
            assertEquals("the decompressing stream is closed", e.getMessage());
        }
    }

    /** What java.util.zip throws for the same condition, with the platform's exception as the cause. */
    @ParameterizedTest
    @EnumSource(value = WdStatus.class, names = { "CORRUPT_INPUT", "CHECKSUM_MISMATCH", "TRUNCATED_INPUT",
            "DRIVER_GONE", "TIMEOUT" })
    void platformFailuresMapToTheJdkExceptionTypes(WdStatus status) throws IOException {
        try (InputStream in = new DecompressorInputStream(new ByteArrayInputStream(random(10)), compressor, ZLIB)) {
            platform.failJobsWith(status);
            IOException e = assertThrows(IOException.class, in::read);
            Class<? extends IOException> expected = status == WdStatus.TRUNCATED_INPUT ? EOFException.class
                    : status.isDataError() ? ZipException.class : IOException.class;
            assertSame(expected, e.getClass(), e.toString());
            assertEquals(status, assertInstanceOf(WdException.class, e.getCause()).status());
            assertTrue(e.getMessage().startsWith(status.name()), e.getMessage());

            platform.failJobsWith(null);
            IOException later = assertThrows(IOException.class, () -> in.read(new byte[5]));
            assertTrue(later.getMessage().contains("earlier failure"), later.getMessage());
            assertSame(e, later.getCause());
        }
    }

    @Test
    void aStoppedPlatformFailsTheConstructor() throws Exception {
        platform.close();
        IOException e = assertThrows(IOException.class,
                () -> new DecompressorInputStream(new ByteArrayInputStream(new byte[1]), compressor, Algorithm.GZIP));
        assertInstanceOf(WdException.class, e.getCause());
    }

    @Test
    void argumentsAreCheckedAsTheJdkChecksThem() throws IOException {
        ByteArrayInputStream source = new ByteArrayInputStream(random(10));
        assertThrows(NullPointerException.class, () -> new DecompressorInputStream(null, compressor, ZLIB));
        assertThrows(NullPointerException.class,
                () -> new DecompressorInputStream(source, compressor, (SessionSpec) null));
        assertThrows(IllegalArgumentException.class, () -> new DecompressorInputStream(source, compressor, ZLIB, -1));
        try (InputStream in = new DecompressorInputStream(source, compressor, ZLIB)) {
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], 2, 3));
            byte[] all = in.readAllBytes();
            assertEquals(10, all.length);
            assertTrue(Arrays.equals(random(10), all));
        }
    }
}
