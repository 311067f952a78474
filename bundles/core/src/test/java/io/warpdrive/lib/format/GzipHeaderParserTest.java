package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.kit.Allocations;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipHeaderParserTest {
    private static final byte[] FOLLOWING = {(byte) 0xAA, (byte) 0xBB};

    private final GzipHeaderParser parser = new GzipHeaderParser();

    /** The header followed by two bytes that must not be consumed. */
    private static ByteBuffer withFollowingBytes(byte[] header) {
        ByteBuffer buffer = ByteBuffer.allocate(header.length + FOLLOWING.length);
        buffer.put(header).put(FOLLOWING).flip();
        return buffer;
    }

    private void assertParsesExactly(byte[] header) {
        ByteBuffer buffer = withFollowingBytes(header);
        assertTrue(parser.parse(buffer), "header complete");
        assertEquals(header.length, buffer.position(), "consumed exactly the header");
        assertEquals(header.length, parser.length());
        assertTrue(parser.isComplete());
        parser.checkComplete();
    }

    @Test
    void parsesTheFixedHeaderUadkWrites() {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
        assertParsesExactly(header);
        assertEquals(0, parser.flags());
        assertEquals(0, parser.mtime());
        assertEquals(0, parser.xfl());
        assertEquals(3, parser.os());
        assertFalse(parser.isText());
        assertFalse(parser.hasHeaderCrc());
        assertNull(parser.name());
        assertNull(parser.comment());
        assertNull(parser.extra());
    }

    @Test
    void parsesWhatGzipOutputStreamWrites() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        assertTrue(parser.parse(buffer));
        assertEquals(GzipFormat.HEADER_LENGTH, buffer.position());
    }

    @Test
    void parsesMtimeXflAndOs() {
        assertParsesExactly(HeaderBytes.gzip().mtime(0xF1E2D3C4L).xfl(2).os(255).build());
        assertEquals(0xF1E2D3C4L, parser.mtime(), "MTIME is unsigned little-endian");
        assertEquals(2, parser.xfl());
        assertEquals(255, parser.os());
    }

    @Test
    void ftextIsOnlyAHint() {
        assertParsesExactly(HeaderBytes.gzip().text().build());
        assertTrue(parser.isText());
    }

    @Test
    void fextraDataIsSkippedAndKept() {
        byte[] extra = {'A', 'P', 4, 0, 1, 2, 3, 4};
        assertParsesExactly(HeaderBytes.gzip().extra(extra).build());
        assertArrayEquals(extra, parser.extra());
        assertNull(parser.name());
    }

    @Test
    void fextraMayBeEmpty() {
        assertParsesExactly(HeaderBytes.gzip().extra(new byte[0]).name("n").build());
        assertArrayEquals(new byte[0], parser.extra());
        assertEquals("n", parser.name());
    }

    @Test
    void fnameIsZeroTerminatedLatin1() {
        assertParsesExactly(HeaderBytes.gzip().name("d\u00e9j\u00e0-vu.txt").build());
        assertEquals("d\u00e9j\u00e0-vu.txt", parser.name());
    }

    @Test
    void fcommentIsZeroTerminated() {
        assertParsesExactly(HeaderBytes.gzip().comment("a comment").build());
        assertEquals("a comment", parser.comment());
        assertNull(parser.name());
    }

    @Test
    void emptyNameAndComment() {
        assertParsesExactly(HeaderBytes.gzip().name("").comment("").build());
        assertEquals("", parser.name());
        assertEquals("", parser.comment());
    }

    @Test
    void fhcrcIsVerified() {
        assertParsesExactly(HeaderBytes.gzip().headerCrc().build());
        assertTrue(parser.hasHeaderCrc());
    }

    @Test
    void everyFlagTogether() {
        byte[] extra = {'X', 'Y', 2, 0, 9, 8};
        byte[] header = HeaderBytes.gzip().text().mtime(1234567890L).xfl(4).extra(extra).name("file.txt")
                .comment("made by hand").headerCrc().build();
        assertParsesExactly(header);
        assertEquals(0x1f, parser.flags());
        assertTrue(parser.isText());
        assertTrue(parser.hasHeaderCrc());
        assertEquals(1234567890L, parser.mtime());
        assertEquals(4, parser.xfl());
        assertArrayEquals(extra, parser.extra());
        assertEquals("file.txt", parser.name());
        assertEquals("made by hand", parser.comment());
    }

    @Test
    void wrongHeaderCrcIsAChecksumMismatch() {
        byte[] header = HeaderBytes.gzip().name("file").headerCrc().build();
        header[header.length - 1] ^= 0x01;
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header)));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, e.status());
        assertTrue(e.getMessage().contains("CRC16"), e.getMessage());
    }

    @Test
    void headerCrcCoversTheOptionalFields() {
        byte[] header = HeaderBytes.gzip().name("file").headerCrc().build();
        header[10] = 'F'; // a name byte changed after the CRC was computed
        assertEquals(WdStatus.CHECKSUM_MISMATCH,
                assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header))).status());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fedOneByteAtATimeFromSeparateBuffers(boolean direct) {
        byte[] header = HeaderBytes.gzip().text().mtime(42).extra(new byte[] {1, 2, 3}).name("name")
                .comment("comment").headerCrc().build();
        for (int i = 0; i < header.length; i++) {
            ByteBuffer one = direct ? ByteBuffer.allocateDirect(1) : ByteBuffer.allocate(1);
            one.put(header[i]).flip();
            boolean complete = parser.parse(one);
            assertEquals(i == header.length - 1, complete, "complete only after the last byte, at " + i);
            assertFalse(one.hasRemaining());
        }
        assertEquals("name", parser.name());
        assertEquals("comment", parser.comment());
        assertArrayEquals(new byte[] {1, 2, 3}, parser.extra());
    }

    @Test
    void splitAtEveryOffset() {
        byte[] header = HeaderBytes.gzip().extra(new byte[] {5, 6}).name("abc").comment("xyz").headerCrc().build();
        byte[] input = Arrays.copyOf(header, header.length + FOLLOWING.length);
        System.arraycopy(FOLLOWING, 0, input, header.length, FOLLOWING.length);
        for (int split = 0; split <= input.length; split++) {
            parser.reset();
            ByteBuffer first = ByteBuffer.wrap(input, 0, split).slice();
            ByteBuffer second = ByteBuffer.wrap(input, split, input.length - split).slice();
            boolean done = parser.parse(first);
            assertEquals(split >= header.length, done, "split " + split);
            if (!done) {
                assertFalse(first.hasRemaining());
                assertTrue(parser.parse(second));
                assertEquals(header.length - split, second.position(), "split " + split);
            } else {
                assertEquals(header.length, first.position());
            }
            assertEquals("abc", parser.name());
            assertEquals("xyz", parser.comment());
        }
    }

    @Test
    void completeParserConsumesNothingMore() {
        assertParsesExactly(HeaderBytes.gzip().build());
        ByteBuffer more = ByteBuffer.wrap(new byte[] {1, 2, 3});
        assertTrue(parser.parse(more));
        assertEquals(0, more.position());
    }

    @Test
    void badFirstMagicByte() {
        WdException e = assertThrows(WdException.class,
                () -> parser.parse(ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4})));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("not gzip: bad magic 0x50 0x4b at byte 0"), e.getMessage());
    }

    @Test
    void badSecondMagicByte() {
        WdException e = assertThrows(WdException.class,
                () -> parser.parse(ByteBuffer.wrap(new byte[] {0x1f, (byte) 0x8c, 8, 0})));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("not gzip: bad magic 0x1f 0x8c at byte 0"), e.getMessage());
    }

    @Test
    void badSecondMagicByteInALaterBuffer() {
        assertFalse(parser.parse(ByteBuffer.wrap(new byte[] {0x1f})));
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(new byte[] {0x00})));
        assertTrue(e.getMessage().contains("bad magic 0x1f 0x00"), e.getMessage());
    }

    @Test
    void methodOtherThanDeflate() {
        byte[] header = HeaderBytes.gzip().build();
        header[2] = 7;
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header)));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("method 7"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20, 0x40, 0x80})
    void reservedFlagBits(int bit) {
        byte[] header = HeaderBytes.gzip().build();
        header[3] = (byte) bit;
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header)));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("reserved flag bits"), e.getMessage());
    }

    @Test
    void endlessNameHitsTheDefaultBound() {
        byte[] header = HeaderBytes.gzip().name("x".repeat(70_000)).build();
        WdException e = assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header)));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("gzip header longer than 65536 bytes"), e.getMessage());
    }

    @Test
    void boundIsConfigurableAndInclusive() {
        GzipHeaderParser small = new GzipHeaderParser(20);
        byte[] exactly20 = HeaderBytes.gzip().name("123456789").build(); // 10 + 9 + terminator
        assertEquals(20, exactly20.length);
        assertTrue(small.parse(ByteBuffer.wrap(exactly20)));
        small.reset();
        byte[] header21 = HeaderBytes.gzip().comment("1234567890").build();
        WdException e = assertThrows(WdException.class, () -> small.parse(ByteBuffer.wrap(header21)));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("gzip header longer than 20 bytes"), e.getMessage());
    }

    @Test
    void hugeExtraFieldHitsTheBound() {
        byte[] header = HeaderBytes.gzip().extra(new byte[65_535]).build();
        assertEquals(WdStatus.CORRUPT_INPUT,
                assertThrows(WdException.class, () -> parser.parse(ByteBuffer.wrap(header))).status());
        GzipHeaderParser roomy = new GzipHeaderParser(128 * 1024);
        assertTrue(roomy.parse(ByteBuffer.wrap(header)));
        assertEquals(65_535, roomy.extra().length);
    }

    @Test
    void boundBelowTheFixedHeaderIsRefused() {
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> new GzipHeaderParser(9)).status());
    }

    @Test
    void truncatedHeaderIsReportedWhenTheInputEnds() {
        byte[] header = HeaderBytes.gzip().name("file").build();
        for (int length = 0; length < header.length; length++) {
            parser.reset();
            assertFalse(parser.parse(ByteBuffer.wrap(header, 0, length)));
            WdException e = assertThrows(WdException.class, parser::checkComplete);
            assertEquals(WdStatus.TRUNCATED_INPUT, e.status());
            assertTrue(e.getMessage().contains("after " + length + " bytes"), e.getMessage());
        }
    }

    @Test
    void resetForgetsTheOptionalFields() {
        assertParsesExactly(HeaderBytes.gzip().extra(new byte[] {1}).name("first").comment("c").build());
        parser.reset();
        assertFalse(parser.isComplete());
        assertParsesExactly(HeaderBytes.gzip().build());
        assertNull(parser.name());
        assertNull(parser.comment());
        assertNull(parser.extra());
        parser.reset();
        assertParsesExactly(HeaderBytes.gzip().name("second").build());
        assertEquals("second", parser.name());
    }

    @Test
    void reusedParserDoesNotAllocate() {
        byte[] plain = HeaderBytes.gzip().build();
        byte[] named = HeaderBytes.gzip().name("a-file-name.txt").comment("c").headerCrc().build();
        ByteBuffer a = ByteBuffer.allocateDirect(plain.length).put(plain);
        ByteBuffer b = ByteBuffer.allocateDirect(named.length).put(named);
        Runnable parseBoth = () -> {
            parser.reset();
            parser.parse(a.flip());
            parser.reset();
            parser.parse(b.flip());
        };
        long bytes = Allocations.bytesAllocatedBy(parseBoth, 10_000);
        assertTrue(bytes < 16 * 1024, "allocated " + bytes + " bytes in 10000 header pairs");
    }
}
