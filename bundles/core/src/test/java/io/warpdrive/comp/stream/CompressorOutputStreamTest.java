package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plumbing of {@link CompressorOutputStream} against a real engine whose driver copies
 * input to output, so that what reaches the underlying stream is exactly what the stream
 * handed to the platform, and when. The codec itself is tested with the soft driver in the
 * integration tests (itests: StreamsIT).
 */
class CompressorOutputStreamTest {
    private static final SessionSpec GZIP = SessionSpec.of(Algorithm.GZIP);

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

    /** Tiny buffers cost a request per few bytes: they get less data. */
    @ParameterizedTest(name = "{2} bytes in writes of {0}, buffer {1}")
    @CsvSource({ "1,1,20011", "1,65536,3145745", "7,16,100003", "4093,4096,3145745", "65537,65536,3145745",
            "1048576,65536,3145745", "1048576,7,100003" })
    void writesOfAnySizeReachThePlatformInOrder(int writeSize, int bufferSize, int length) throws IOException {
        byte[] data = random(length);
        RecordingOutputStream sink = new RecordingOutputStream();
        try (OutputStream out = new CompressorOutputStream(sink, compressor, GZIP, bufferSize)) {
            for (int at = 0; at < data.length; at += writeSize) {
                int n = Math.min(writeSize, data.length - at);
                if (n == 1) {
                    out.write(data[at]);
                } else {
                    out.write(data, at, n);
                }
            }
        }
        assertArrayEquals(data, sink.toByteArray());
    }

    @Test
    void bytesWaitInTheBufferUntilItFillsOrAFlush() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, GZIP, 100)) {
            out.write(random(60));
            assertEquals(0, sink.size(), "a partly filled buffer stays with the stream");
            out.write(random(50));
            assertEquals(100, sink.size(), "a full buffer goes to the platform");
            out.flush();
            assertEquals(110, sink.size(), "flush hands over everything written so far");
            assertEquals(1, sink.flushes, "and flushes the underlying stream");
            out.flush();
            assertEquals(110, sink.size());
            assertEquals(2, sink.flushes);
        }
    }

    @Test
    void finishEndsTheStreamButLeavesTheUnderlyingStreamOpen() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, GZIP);
        out.write(random(10));
        out.finish();
        assertEquals(10, sink.size());
        assertEquals(0, sink.closes);
        out.finish(); // again: nothing
        out.flush(); // allowed: flushes the underlying stream
        IOException e = assertThrows(IOException.class, () -> out.write(1));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
        sink.write(new byte[] { 1, 2, 3 }); // the caller may go on with the underlying stream
        out.close();
        assertEquals(1, sink.closes);
        assertEquals(13, sink.size());
    }

    @Test
    void closeFinishesClosesEverythingOnceAndReleasesTheStream() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, GZIP);
        out.write(random(1000));
        out.flush();
        assertEquals(1, platform.openStreamStates(), "the stream's state lives on the driver");
        out.close();
        assertEquals(1000, sink.size());
        assertEquals(1, sink.closes);
        assertEquals(0, platform.openStreamStates(), "close releases the stream session");
        out.close();
        out.finish();
        assertEquals(1, sink.closes, "a second close does nothing");
    }

    @Test
    void everyUseAfterCloseFailsClearly() throws IOException {
        CompressorOutputStream out = new CompressorOutputStream(new RecordingOutputStream(), compressor, GZIP);
        out.close();
        for (IoCall call : new IoCall[] { () -> out.write(1), () -> out.write(new byte[3]),
                () -> out.write(new byte[3], 1, 1), out::flush }) {
            IOException e = assertThrows(IOException.class, call::run);
            assertEquals("the compressing stream is closed", e.getMessage());
        }
    }

    @Test
    void aPlatformFailureIsAnIoExceptionCausedByTheWdException() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, GZIP, 16);
        platform.failJobsWith(WdStatus.DRIVER_GONE);
        IOException e = assertThrows(IOException.class, () -> out.write(random(16)));
        assertFalse(e instanceof ZipException, "not a data error");
        WdException cause = assertInstanceOf(WdException.class, e.getCause());
        assertEquals(WdStatus.DRIVER_GONE, cause.status());
        assertTrue(e.getMessage().startsWith("DRIVER_GONE"), e.getMessage());

        platform.failJobsWith(null);
        IOException later = assertThrows(IOException.class, () -> out.write(1));
        assertTrue(later.getMessage().contains("earlier failure"), later.getMessage());
        assertThrows(IOException.class, out::flush);

        IOException atClose = assertThrows(IOException.class, out::close);
        assertTrue(atClose.getMessage().contains("incomplete"), atClose.getMessage());
        assertEquals(1, sink.closes, "the underlying stream is closed all the same");
        assertEquals(0, platform.openStreamStates());
        out.close(); // and only once
    }

    @Test
    void noDriverFailsTheWriteThatNeedsOne() throws IOException {
        platform.removeDrivers();
        CompressorOutputStream out = new CompressorOutputStream(new RecordingOutputStream(), compressor, GZIP);
        out.write(1); // buffered: no request yet
        IOException e = assertThrows(IOException.class, out::flush);
        assertEquals(WdStatus.NO_DRIVER, ((WdException) e.getCause()).status());
    }

    @Test
    void aStoppedPlatformFailsTheConstructor() throws Exception {
        platform.close();
        IOException e = assertThrows(IOException.class,
                () -> new CompressorOutputStream(new RecordingOutputStream(), compressor, Algorithm.ZLIB));
        assertInstanceOf(WdException.class, e.getCause());
    }

    @Test
    void argumentsAreCheckedAsTheJdkChecksThem() throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        assertThrows(NullPointerException.class, () -> new CompressorOutputStream(null, compressor, GZIP));
        assertThrows(NullPointerException.class, () -> new CompressorOutputStream(sink, null, GZIP));
        assertThrows(IllegalArgumentException.class, () -> new CompressorOutputStream(sink, compressor, GZIP, 0));
        WdException level = assertThrows(WdException.class,
                () -> new CompressorOutputStream(sink, compressor, Algorithm.GZIP, 10, FallbackPolicy.AUTO));
        assertEquals(WdStatus.INVALID_ARGUMENT, level.status());
        try (OutputStream out = new CompressorOutputStream(sink, compressor, Algorithm.DEFLATE, 1,
                FallbackPolicy.SOFTWARE_ONLY)) {
            assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[4], 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[4], -1, 1));
            out.write(new byte[4], 4, 0);
        }
        assertEquals(0, sink.size());
    }

    @FunctionalInterface
    interface IoCall {
        void run() throws IOException;
    }
}
