package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipFormatTest {

    @Test
    void writesUadksFixedHeader() {
        ByteBuffer buffer = ByteBuffer.allocate(12);
        GzipFormat.writeHeader(buffer);
        assertEquals(GzipFormat.HEADER_LENGTH, buffer.position());
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3},
                java.util.Arrays.copyOf(buffer.array(), 10));
    }

    @Test
    void xflReflectsTheLevelAsGzipDoes() {
        assertEquals(4, GzipFormat.xfl(1));
        for (int level = 2; level <= 8; level++) {
            assertEquals(0, GzipFormat.xfl(level), "level " + level);
        }
        assertEquals(2, GzipFormat.xfl(9));
        ByteBuffer buffer = ByteBuffer.allocate(10);
        GzipFormat.writeHeader(buffer, 9);
        assertEquals(2, buffer.get(8));
        buffer.clear();
        GzipFormat.writeHeader(buffer, 1);
        assertEquals(4, buffer.get(8));
    }

    @Test
    void headerNeedsTenBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(9);
        assertThrows(BufferOverflowException.class, () -> GzipFormat.writeHeader(buffer, 6));
        assertEquals(0, buffer.position());
    }

    @Test
    void writtenHeaderParses() {
        ByteBuffer buffer = ByteBuffer.allocate(10);
        GzipFormat.writeHeader(buffer, 1);
        GzipHeaderParser parser = new GzipHeaderParser();
        assertTrue(parser.parse(buffer.flip()));
        assertEquals(4, parser.xfl());
        assertEquals(GzipFormat.OS_UNIX, parser.os());
    }

    @Test
    void trailerIsLittleEndianAndKeepsTheBuffersOrder() {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        GzipFormat.writeTrailer(buffer, 0x11223344, 0x1_5566_7788L);
        assertSame(ByteOrder.BIG_ENDIAN, buffer.order());
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11, (byte) 0x88, 0x77, 0x66, 0x55}, buffer.array());
        assertEquals(0x11223344, GzipFormat.trailerCrc(buffer, 0));
        assertEquals(0x5566_7788L, GzipFormat.trailerSize(buffer, 0), "ISIZE is the length modulo 2^32");
    }

    /** Header + raw deflate + trailer from this package is what GZIPInputStream reads. */
    @Test
    void framingAroundRawDeflateIsValidGzip() throws IOException {
        byte[] data = "framing test ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw, new Deflater(6, true))) {
            deflate.write(data);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer member = ByteBuffer.allocate(10 + raw.size() + 8);
        GzipFormat.writeHeader(member, 6);
        member.put(raw.toByteArray());
        GzipFormat.writeTrailer(member, (int) crc.getValue(), data.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member.array()))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void trailerReaderAcceptsEverySplit() {
        ByteBuffer trailer = ByteBuffer.allocate(8);
        GzipFormat.writeTrailer(trailer, 0xCAFEBABE, 123_456);
        byte[] bytes = trailer.array();
        GzipTrailerReader reader = new GzipTrailerReader();
        for (int split = 0; split <= 8; split++) {
            reader.reset();
            ByteBuffer first = ByteBuffer.wrap(bytes, 0, split).slice();
            assertEquals(split == 8, reader.read(first));
            if (split < 8) {
                assertFalse(reader.isComplete());
                ByteBuffer second = ByteBuffer.allocateDirect(9).put(bytes, split, 8 - split).put((byte) 7).flip();
                assertTrue(reader.read(second));
                assertEquals(1, second.remaining(), "the byte after the trailer is left");
            }
            assertEquals(0xCAFEBABE, reader.crc());
            assertEquals(123_456, reader.size());
            reader.verify(0xCAFEBABE, 123_456);
            reader.verify(0xCAFEBABE, 123_456 + (1L << 32));
        }
    }

    @Test
    void trailerReaderFedByteByByte() {
        ByteBuffer trailer = ByteBuffer.allocate(8);
        GzipFormat.writeTrailer(trailer, 1, 2);
        GzipTrailerReader reader = new GzipTrailerReader();
        for (int i = 0; i < 8; i++) {
            assertEquals(i == 7, reader.read(ByteBuffer.wrap(trailer.array(), i, 1)));
        }
        assertEquals(1, reader.crc());
        assertEquals(2, reader.size());
    }

    @Test
    void trailerMismatches() {
        ByteBuffer trailer = ByteBuffer.allocate(8);
        GzipFormat.writeTrailer(trailer, 0x01020304, 99);
        GzipTrailerReader reader = new GzipTrailerReader();
        reader.read(trailer.flip());
        WdException crc = assertThrows(WdException.class, () -> reader.verify(0x01020305, 99));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, crc.status());
        assertTrue(crc.getMessage().contains("gzip CRC-32 mismatch: trailer says 0x01020304, data has 0x01020305"),
                crc.getMessage());
        WdException size = assertThrows(WdException.class, () -> reader.verify(0x01020304, 100));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, size.status());
        assertTrue(size.getMessage().contains("ISIZE"), size.getMessage());
    }

    @Test
    void truncatedTrailer() {
        GzipTrailerReader reader = new GzipTrailerReader();
        reader.read(ByteBuffer.wrap(new byte[3]));
        WdException e = assertThrows(WdException.class, reader::checkComplete);
        assertEquals(WdStatus.TRUNCATED_INPUT, e.status());
        assertTrue(e.getMessage().contains("3 of 8 bytes"), e.getMessage());
        assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, reader::crc).status());
    }
}
