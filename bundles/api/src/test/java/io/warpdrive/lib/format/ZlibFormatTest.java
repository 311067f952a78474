package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ZlibFormatTest {
    private final ZlibHeaderParser parser = new ZlibHeaderParser();

    @Test
    void flevelAsZlibSetsIt() {
        int[] expected = {0, 0, 1, 1, 1, 1, 2, 3, 3, 3};
        for (int level = 0; level <= 9; level++) {
            assertEquals(expected[level], ZlibFormat.flevel(level), "level " + level);
        }
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class, () -> ZlibFormat.flevel(10)).status());
    }

    @Test
    void cinfoRoundsTheWindowUp() {
        assertEquals(4, ZlibFormat.cinfo(WindowSize.W4K));
        assertEquals(5, ZlibFormat.cinfo(WindowSize.W8K));
        assertEquals(6, ZlibFormat.cinfo(WindowSize.W16K));
        assertEquals(7, ZlibFormat.cinfo(WindowSize.W24K), "24 KiB must be announced as 32 KiB");
        assertEquals(7, ZlibFormat.cinfo(WindowSize.W32K));
    }

    /** For a 32 KiB window the header is byte for byte what zlib itself writes. */
    @Test
    void headerMatchesZlibsForEveryLevel() {
        for (int level = 1; level <= 9; level++) {
            Deflater deflater = new Deflater(level);
            deflater.finish();
            byte[] out = new byte[64];
            deflater.deflate(out);
            deflater.end();
            ByteBuffer ours = ByteBuffer.allocate(2);
            ZlibFormat.writeHeader(ours, level, WindowSize.W32K);
            assertArrayEquals(new byte[] {out[0], out[1]}, ours.array(), "level " + level);
        }
    }

    @ParameterizedTest
    @EnumSource(WindowSize.class)
    void writtenHeadersParseBack(WindowSize window) {
        for (int level = 1; level <= 9; level++) {
            int header = ZlibFormat.header(level, window);
            assertEquals(0, header % 31, "FCHECK makes the header a multiple of 31");
            ByteBuffer buffer = ByteBuffer.allocate(2);
            ZlibFormat.writeHeader(buffer, level, window);
            parser.reset();
            assertTrue(parser.parse(buffer.flip()));
            assertEquals(ZlibFormat.flevel(level), parser.flevel());
            assertTrue(parser.windowBytes() >= window.bytes());
            assertEquals(header >>> 8, parser.cmf());
            assertEquals(header & 0xff, parser.flg());
        }
    }

    @Test
    void fedOneByteAtATime() {
        assertFalse(parser.parse(ByteBuffer.wrap(new byte[] {0x78})));
        assertFalse(parser.isComplete());
        ByteBuffer second = ByteBuffer.wrap(new byte[] {(byte) 0x9c, 0x55});
        assertTrue(parser.parse(second));
        assertEquals(1, second.position(), "consumes exactly the header");
        assertEquals(32 * 1024, parser.windowBytes());
        assertEquals(2, parser.flevel());
    }

    @Test
    void presetDictionaryIsUnsupported() {
        Deflater deflater = new Deflater();
        deflater.setDictionary(new byte[] {1, 2, 3});
        deflater.finish();
        byte[] out = new byte[64];
        deflater.deflate(out);
        deflater.end();
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(out)));
        assertEquals(WdStatus.UNSUPPORTED, e.status());
        assertTrue(e.getMessage().contains("preset dictionary"), e.getMessage());
    }

    @Test
    void methodOtherThanDeflate() {
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(new byte[] {0x77, 0})));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("compression method 7"), e.getMessage());
    }

    @Test
    void windowAbove32KiB() {
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(new byte[] {(byte) 0x88})));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("CINFO 8"), e.getMessage());
    }

    @Test
    void badFcheck() {
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(new byte[] {0x78, (byte) 0x9d})));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("multiple of 31"), e.getMessage());
    }

    @Test
    void truncatedHeader() {
        parser.parse(ByteBuffer.wrap(new byte[] {0x78}));
        WdException e = assertThrows(WdException.class, parser::checkComplete);
        assertEquals(WdStatus.TRUNCATED_INPUT, e.status());
        assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, parser::cmf).status());
    }

    @Test
    void adlerTrailerIsBigEndianAndReadIncrementally() {
        Adler32 adler = new Adler32();
        adler.update(new byte[] {1, 2, 3, 4, 5});
        int value = (int) adler.getValue();
        ByteBuffer trailer = ByteBuffer.allocate(4);
        ZlibFormat.writeTrailer(trailer, value);
        assertEquals(value, ZlibFormat.trailerAdler(trailer, 0));
        assertEquals((byte) (value >>> 24), trailer.get(0));
        ZlibTrailerReader reader = new ZlibTrailerReader();
        for (int split = 0; split <= 4; split++) {
            reader.reset();
            reader.read(ByteBuffer.wrap(trailer.array(), 0, split));
            assertEquals(split == 4, reader.isComplete());
            if (split < 4) {
                WdException e = assertThrows(WdException.class, reader::checkComplete);
                assertEquals(WdStatus.TRUNCATED_INPUT, e.status());
                assertTrue(reader.read(ByteBuffer.wrap(trailer.array(), split, 4 - split)));
            }
            reader.verify(value);
        }
        WdException e = assertThrows(WdException.class, () -> reader.verify(value + 1));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, e.status());
        assertTrue(e.getMessage().contains("Adler-32"), e.getMessage());
    }
}
