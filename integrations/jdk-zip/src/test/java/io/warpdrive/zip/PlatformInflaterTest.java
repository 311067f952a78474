package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.SoftPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PlatformInflater} on the soft driver, reading what the JDK's Deflater writes. */
class PlatformInflaterTest {
    private static SoftPlatform platform;
    private static Compressor compressor;

    @BeforeAll
    static void start() {
        platform = new SoftPlatform();
        compressor = platform.compressor();
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    static byte[] jdkDeflate(byte[] data, int level, boolean nowrap, byte[] dictionary) {
        Deflater deflater = new Deflater(level, nowrap);
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + data.length / 100 + 64];
        int n = deflater.deflate(out);
        assertTrue(deflater.finished());
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    @ParameterizedTest(name = "{0} bytes of {1}, nowrap {2}, reads of {3}")
    @CsvSource({ "0,TEXT,false,1", "1,TEXT,true,1", "300000,TEXT,false,1", "300000,XML,true,8192",
            "1000000,RANDOM,false,100000", "200000,MIXED,true,3" })
    void inflaterInputStreamReadsWhatTheJdkWrote(int size, DataKind kind, boolean nowrap, int readSize)
            throws IOException {
        byte[] data = kind.bytes(size);
        byte[] compressed = jdkDeflate(data, 6, nowrap, null);
        Inflater inflater = new PlatformInflater(compressor, nowrap);
        byte[] back = new byte[size];
        int at = 0;
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater, 517)) {
            int n;
            while ((n = readSize == 1 ? single(in, back, at) : in.read(back, at, Math.min(readSize, size - at)))
                    > 0) {
                at += n;
            }
            assertEquals(-1, in.read());
        }
        assertEquals(size, at);
        assertArrayEquals(data, back);
        assertTrue(inflater.finished());
        assertEquals(compressed.length, inflater.getBytesRead());
        assertEquals(size, inflater.getBytesWritten());
        inflater.end();
    }

    private static int single(InputStream in, byte[] into, int at) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        into[at] = (byte) b;
        return 1;
    }

    @Test
    void bytesAfterTheStreamAreLeftRemainingAsTheJdkLeavesThem() throws DataFormatException {
        byte[] data = DataKind.SOURCE.bytes(90_000);
        for (boolean nowrap : new boolean[] { false, true }) {
            byte[] compressed = jdkDeflate(data, 6, nowrap, null);
            byte[] withTail = Arrays.copyOf(compressed, compressed.length + 13);
            Arrays.fill(withTail, compressed.length, withTail.length, (byte) 0x55);
            Inflater jdk = new Inflater(nowrap);
            Inflater ours = new PlatformInflater(compressor, nowrap);
            for (Inflater inflater : new Inflater[] { jdk, ours }) {
                inflater.setInput(withTail);
                byte[] back = new byte[data.length + 100];
                assertEquals(data.length, inflater.inflate(back));
                assertTrue(inflater.finished());
                assertEquals(0, inflater.inflate(back));
                assertArrayEquals(data, Arrays.copyOf(back, data.length));
            }
            assertEquals(jdk.getRemaining(), ours.getRemaining());
            assertEquals(jdk.getBytesRead(), ours.getBytesRead());
            assertEquals(jdk.getBytesWritten(), ours.getBytesWritten());
            assertEquals(jdk.getAdler(), ours.getAdler());
            jdk.end();
            ours.end();
        }
    }

    @Test
    void aPresetDictionaryIsReportedAsTheJdkReportsItAndRefused() throws DataFormatException {
        byte[] dictionary = DataKind.TEXT.bytes(2000);
        byte[] compressed = jdkDeflate(DataKind.TEXT.bytes(20_000), 6, false, dictionary);
        Inflater jdk = new Inflater();
        Inflater ours = new PlatformInflater(compressor);
        for (Inflater inflater : new Inflater[] { jdk, ours }) {
            inflater.setInput(compressed);
            assertEquals(0, inflater.inflate(new byte[100]));
            assertTrue(inflater.needsDictionary());
            assertFalse(inflater.finished());
        }
        assertEquals(jdk.getAdler(), ours.getAdler());
        assertEquals(jdk.getRemaining(), ours.getRemaining());
        assertEquals(WdStatus.UNSUPPORTED,
                assertThrows(WdException.class, () -> ours.setDictionary(dictionary)).status());
        jdk.end();
        ours.end();
    }

    @Test
    void corruptInputIsADataFormatExceptionNamingThePlatformsStatus() throws IOException {
        byte[] compressed = jdkDeflate(DataKind.TEXT.bytes(100_000), 6, false, null);
        compressed[compressed.length / 2] ^= 0x5a;
        compressed[compressed.length / 2 + 1] ^= 0x33;
        Inflater inflater = new PlatformInflater(compressor);
        inflater.setInput(compressed);
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
            byte[] out = new byte[200_000];
            while (!inflater.finished()) {
                if (inflater.inflate(out) == 0 && inflater.needsInput()) {
                    break;
                }
            }
        });
        WdException cause = assertInstanceOf(WdException.class, e.getCause());
        assertTrue(cause.status().isDataError(), cause.status().toString());
        assertTrue(e.getMessage().startsWith(cause.status().name() + " (" + cause.status().code() + ")"),
                e.getMessage());
        inflater.end();

        // Through InflaterInputStream, as the JDK's: a ZipException.
        Inflater second = new PlatformInflater(compressor);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), second)) {
            assertThrows(ZipException.class, in::readAllBytes);
        } finally {
            second.end();
        }
    }

    @Test
    void byteBuffersResetAndEnd() throws DataFormatException {
        byte[] data = DataKind.XML.bytes(150_000);
        byte[] compressed = jdkDeflate(data, 9, false, null);
        Inflater inflater = new PlatformInflater(compressor);
        for (int round = 0; round < 2; round++) {
            ByteBuffer input = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
            ByteBuffer output = ByteBuffer.allocate(data.length);
            inflater.setInput(input);
            while (!inflater.finished()) {
                inflater.inflate(output);
            }
            assertFalse(input.hasRemaining());
            assertArrayEquals(data, output.array());
            inflater.reset();
            assertEquals(0, inflater.getBytesRead());
            assertEquals(1, inflater.getAdler());
        }
        inflater.end();
        inflater.end();
        assertThrows(NullPointerException.class, () -> inflater.inflate(new byte[1]));
        assertThrows(NullPointerException.class, inflater::getRemaining);
    }
}
