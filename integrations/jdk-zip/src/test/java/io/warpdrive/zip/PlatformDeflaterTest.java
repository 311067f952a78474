package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.data.DataKind;
import io.warpdrive.testing.drivers.SoftPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PlatformDeflater} on the soft driver, read back by the JDK's Inflater. */
class PlatformDeflaterTest {
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

    static byte[] inflate(byte[] compressed, boolean nowrap) throws IOException {
        Inflater inflater = new Inflater(nowrap);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)) {
            return in.readAllBytes();
        } finally {
            inflater.end();
        }
    }

    @ParameterizedTest(name = "{0} bytes of {1}, level {2}, nowrap {3}, writes of {4}")
    @CsvSource({ "0,TEXT,-1,false,1", "1,TEXT,6,false,1", "300000,TEXT,-1,false,100", "300000,XML,1,true,65536",
            "1000000,RANDOM,9,false,300000", "200000,MIXED,0,true,7", "131072,RUNS,5,false,65536" })
    void deflaterOutputStreamWritesWhatTheJdkInflates(int size, DataKind kind, int level, boolean nowrap,
            int writeSize) throws IOException {
        byte[] data = kind.bytes(size);
        Deflater deflater = new PlatformDeflater(compressor, level, nowrap);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(sink, deflater)) {
            for (int at = 0; at < size; at += writeSize) {
                out.write(data, at, Math.min(writeSize, size - at));
            }
        }
        assertTrue(deflater.finished());
        assertEquals(size, deflater.getBytesRead());
        assertEquals(sink.size(), deflater.getBytesWritten());
        Adler32 adler = new Adler32();
        adler.update(data);
        assertEquals(nowrap ? 1 : (int) adler.getValue(), deflater.getAdler());
        deflater.end();
        assertArrayEquals(data, inflate(sink.toByteArray(), nowrap));
    }

    @Test
    void syncFlushMakesEverythingSoFarReadable() throws Exception {
        byte[] data = DataKind.TEXT.bytes(100_000);
        Deflater deflater = new PlatformDeflater(compressor);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DeflaterOutputStream out = new DeflaterOutputStream(sink, deflater, 512, true);
        out.write(data, 0, 40_000);
        out.flush();
        Inflater reader = new Inflater();
        reader.setInput(sink.toByteArray());
        byte[] got = new byte[40_000];
        assertEquals(40_000, reader.inflate(got));
        assertArrayEquals(java.util.Arrays.copyOf(data, 40_000), got);
        assertFalse(reader.finished());
        reader.end();
        out.write(data, 40_000, 60_000);
        out.close();
        deflater.end();
        assertArrayEquals(data, inflate(sink.toByteArray(), false));
    }

    @Test
    void byteBuffersAdvanceAsTheJdksDo() throws Exception {
        byte[] data = DataKind.SOURCE.bytes(200_000);
        ByteBuffer input = ByteBuffer.allocateDirect(data.length).put(data).flip();
        ByteBuffer output = ByteBuffer.allocateDirect(300_000);
        Deflater deflater = new PlatformDeflater(compressor, 6, true);
        deflater.setInput(input);
        deflater.finish();
        while (!deflater.finished()) {
            deflater.deflate(output, Deflater.NO_FLUSH);
        }
        assertFalse(input.hasRemaining());
        assertEquals(output.position(), deflater.getBytesWritten());
        deflater.end();
        byte[] compressed = new byte[output.flip().remaining()];
        output.get(compressed);
        assertArrayEquals(data, inflate(compressed, true));
    }

    @Test
    void resetStartsANewStreamWithALevelSetDuringTheLastOne() throws Exception {
        byte[] data = DataKind.TEXT.bytes(50_000);
        Deflater deflater = new PlatformDeflater(compressor, 1);
        byte[] first = deflateAll(deflater, data);
        deflater.reset();
        assertEquals(0, deflater.getBytesRead());
        assertEquals(1, deflater.getAdler());
        deflater.setLevel(9);
        byte[] second = deflateAll(deflater, data);
        deflater.end();
        assertArrayEquals(data, inflate(first, false));
        assertArrayEquals(data, inflate(second, false));
        assertTrue(second.length < first.length, "level 9 compresses text smaller than level 1");
    }

    private static byte[] deflateAll(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    @Test
    void whatThePlatformCannotDoIsRefusedClearly() {
        Deflater deflater = new PlatformDeflater(compressor);
        WdException dictionary = assertThrows(WdException.class, () -> deflater.setDictionary(new byte[10]));
        assertEquals(WdStatus.UNSUPPORTED, dictionary.status());
        assertEquals(WdStatus.UNSUPPORTED,
                assertThrows(WdException.class, () -> deflater.setStrategy(Deflater.HUFFMAN_ONLY)).status());
        deflater.setStrategy(Deflater.FILTERED);
        deflater.setStrategy(Deflater.DEFAULT_STRATEGY);
        assertThrows(IllegalArgumentException.class, () -> deflater.setStrategy(7));
        assertThrows(IllegalArgumentException.class, () -> deflater.setLevel(10));
        assertThrows(IllegalArgumentException.class, () -> deflater.deflate(new byte[1], 0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new PlatformDeflater(compressor, -2));
        assertThrows(IllegalArgumentException.class,
                () -> new PlatformDeflater(compressor, SessionSpec.of(Algorithm.GZIP), 1024));
        deflater.end();
        deflater.end();
        assertThrows(NullPointerException.class, () -> deflater.setInput(new byte[1]));
        assertThrows(NullPointerException.class, deflater::getAdler);
        assertThrows(NullPointerException.class, () -> deflater.deflate(new byte[1]));
    }

    @Test
    void aStreamThatTheJdkInflatesAlsoTheJdkInflaterAccepts() throws DataFormatException {
        // A single deflate call with a big output buffer produces the whole stream at once.
        byte[] data = DataKind.ROWS.bytes(70_000);
        Deflater deflater = new PlatformDeflater(compressor, SessionSpec.of(Algorithm.ZLIB).withLevel(3), 4096);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[100_000];
        int n = deflater.deflate(out);
        assertTrue(deflater.finished());
        deflater.end();
        Inflater inflater = new Inflater();
        inflater.setInput(out, 0, n);
        byte[] back = new byte[data.length];
        assertEquals(data.length, inflater.inflate(back));
        assertTrue(inflater.finished());
        inflater.end();
        assertArrayEquals(data, back);
    }
}
