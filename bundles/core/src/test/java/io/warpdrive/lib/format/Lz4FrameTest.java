package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LZ4 frame writer and decoder against lz4-java's frame streams, and every failure they name. */
class Lz4FrameTest {
    private final Lz4TestEngine engine = new Lz4TestEngine();
    private final Lz4FrameWriter writer = new Lz4FrameWriter(engine);
    private final Lz4FrameDecoder decoder = new Lz4FrameDecoder(engine);

    /** Text-like data that compresses, with an incompressible stretch in the middle. */
    static byte[] sample(int length, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        String words = "the quick brown fox jumps over the lazy dog and warp drives compress ";
        for (int i = 0; i < length; i++) {
            data[i] = (byte) words.charAt((i * 7 + i / 97) % words.length());
        }
        int noise = length / 3;
        for (int i = noise; i < Math.min(length, noise + 70_000); i++) {
            data[i] = (byte) random.nextInt();
        }
        return data;
    }

    byte[] frame(byte[] data, int code, boolean blockChecksum, boolean contentChecksum, boolean declareSize) {
        writer.start(code, blockChecksum, contentChecksum, declareSize ? data.length : -1);
        ByteBuffer out = ByteBuffer.allocate((int) writer.frameBound(data.length));
        writer.writeHeader(out);
        ByteBuffer src = ByteBuffer.wrap(data);
        for (int at = 0; at < data.length; at += writer.blockMaxSize()) {
            writer.writeBlock(src, at, Math.min(writer.blockMaxSize(), data.length - at), out);
        }
        writer.writeEnd(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    byte[] decodeAll(byte[] frame, int room, boolean direct) {
        Lz4TestSink sink = new Lz4TestSink(ByteBuffer.allocate(room), Long.MAX_VALUE, direct);
        decoder.reset();
        decoder.decodeAll(new BufferInput().of(ByteBuffer.wrap(frame)), sink);
        return sink.written();
    }

    static byte[] lz4Java(byte[] data, BLOCKSIZE size, long knownSize, FLG.Bits... bits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = knownSize >= 0
                ? new LZ4FrameOutputStream(bytes, size, knownSize, bits) : new LZ4FrameOutputStream(bytes, size, bits)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] readWithLz4Java(byte[] frame) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    @Test
    void framesWeWriteReadBackHereAndInLz4Java() throws IOException {
        for (int length : new int[] {0, 1, 100, 65_536, 65_537, 300_000}) {
            byte[] data = sample(length, length);
            for (int code = 4; code <= 7; code++) {
                for (int flags = 0; flags < 8; flags++) {
                    byte[] frame = frame(data, code, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
                    String what = length + " bytes, code " + code + ", flags " + flags;
                    assertArrayEquals(data, decodeAll(frame, length, true), what);
                    assertArrayEquals(data, decodeAll(frame, length, false), what + ", staged");
                    assertArrayEquals(data, readWithLz4Java(frame), what + ", lz4-java");
                }
            }
        }
    }

    @Test
    void theBoundHoldsForIncompressibleDataAndMatchesTheApi() {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        byte[] frame = frame(data, 4, true, true, false);
        assertTrue(frame.length <= Algorithm.LZ4.compressBound(data.length));
        writer.start(4, true, true, -1);
        assertTrue(writer.frameBound(data.length) <= Algorithm.LZ4.compressBound(data.length));
        assertArrayEquals(data, decodeAll(frame, data.length, true));
        // Every block of random data is stored: its size field has the high bit.
        assertEquals(0x80, frame[7 + 3] & 0x80);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesLz4JavaWritesReadHere(boolean independent) throws IOException {
        byte[] data = sample(500_000, 4);
        for (BLOCKSIZE size : BLOCKSIZE.values()) {
            byte[] frame = independent
                    ? lz4Java(data, size, data.length, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM,
                            FLG.Bits.CONTENT_SIZE, FLG.Bits.CONTENT_CHECKSUM)
                    : lz4Java(data, size, -1, FLG.Bits.BLOCK_INDEPENDENCE);
            assertArrayEquals(data, decodeAll(frame, data.length, true), size.name());
        }
    }

    /** Block 2 copies 4 bytes from block 1 (offset 8), then one literal: only a linked-blocks reader decodes it. */
    @Test
    void linkedBlocksReachIntoTheBlockBefore() {
        ByteBuffer frame = ByteBuffer.allocate(64);
        frame.put(new byte[] {0x04, 0x22, 0x4d, 0x18, 0x44, 0x40, 0});
        frame.put(6, (byte) Lz4Format.headerChecksum(frame, 4, 2));
        byte[] first = "abcdefgh".getBytes();
        putLe(frame, 8 | Lz4Format.BLOCK_STORED);
        frame.put(first);
        byte[] second = {0x00, 8, 0, 0x10, 'z'};
        putLe(frame, second.length);
        frame.put(second);
        putLe(frame, 0);
        Xxh32 content = new Xxh32();
        byte[] expected = "abcdefghabcdz".getBytes();
        content.update(ByteBuffer.wrap(expected), 0, expected.length);
        putLe(frame, content.digest());
        byte[] bytes = Arrays.copyOf(frame.array(), frame.position());
        assertArrayEquals(expected, decodeAll(bytes, 100, true));
        // Independent, the same block reaches before its own start.
        byte[] independent = bytes.clone();
        independent[4] = 0x64;
        independent[6] = (byte) Lz4Format.headerChecksum(ByteBuffer.wrap(independent), 4, 2);
        assertEquals(WdStatus.CORRUPT_INPUT, failure(independent).status());
    }

    @Test
    void linkedBlocksOverManyWindowsMatchWhatWasWritten() throws IOException {
        // lz4-java writes independent blocks only; a frame of stored blocks marked linked exercises the window.
        byte[] data = sample(1_000_000, 5);
        byte[] frame = frame(data, 4, false, true, false);
        frame[4] &= ~Lz4Format.FLG_BLOCK_INDEPENDENCE;
        frame[6] = (byte) Lz4Format.headerChecksum(ByteBuffer.wrap(frame), 4, 2);
        assertArrayEquals(data, decodeAll(frame, data.length, true));
    }

    @Test
    void concatenatedAndSkippableFrames() {
        byte[] a = sample(70_000, 6);
        byte[] b = sample(10, 7);
        ByteBuffer all = ByteBuffer.allocate(200_000);
        all.put(new byte[] {0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3});
        all.put(frame(a, 4, true, true, true));
        all.put(new byte[] {0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0});
        all.put(frame(b, 5, false, false, false));
        byte[] bytes = Arrays.copyOf(all.array(), all.position());
        byte[] expected = new byte[a.length + b.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertArrayEquals(expected, decodeAll(bytes, expected.length, true));
        assertTrue(decoder.isEnded());
    }

    /** One byte of input at a time and one byte of room at a time decode to the same bytes. */
    @Test
    void piecesOfOneByteDecodeTheSame() {
        byte[] data = sample(150_000, 8);
        byte[] frame = frame(data, 4, true, true, true);
        decoder.reset();
        Lz4TestSink sink = new Lz4TestSink(ByteBuffer.allocate(data.length), Long.MAX_VALUE, false);
        ByteBuffer piece = ByteBuffer.allocate(1);
        BufferInput input = new BufferInput();
        for (int i = 0; i < frame.length; i++) {
            piece.clear();
            piece.put(0, frame[i]);
            Lz4FrameDecoder.Stop stop = decoder.decode(input.of(piece), sink, false);
            assertEquals(i == frame.length - 1 ? Lz4FrameDecoder.Stop.ENDED : Lz4FrameDecoder.Stop.INPUT_EXHAUSTED,
                    stop, "byte " + i);
        }
        assertArrayEquals(data, sink.written());

        decoder.reset();
        ByteBuffer out = ByteBuffer.allocate(data.length);
        ByteBuffer in = ByteBuffer.wrap(frame);
        int calls = 0;
        for (Lz4FrameDecoder.Stop stop = null; stop != Lz4FrameDecoder.Stop.ENDED; calls++) {
            out.limit(Math.min(data.length, out.position() + 1));
            stop = decoder.decode(input.of(in), new Lz4TestSink(out, Long.MAX_VALUE, true), true);
        }
        assertTrue(calls >= data.length);
        assertArrayEquals(data, Arrays.copyOf(out.array(), out.position()));
    }

    /**
     * A block size word of 0x80000000 (stored, no bytes) ends the frame, as the reference decoders
     * read it: they mask the stored bit off before they look for the end mark. Found by fuzzing.
     */
    @Test
    void aStoredEmptyBlockWordEndsTheFrameAsTheReferenceDecodersRead() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2204).put((byte) 0x74).put((byte) 0x40); // version 1, independent blocks, block and content checksums; 64 KiB
        b.put((byte) Lz4Format.headerChecksum(ByteBuffer.wrap(b.array()), 4, 2));
        b.putInt(0x80000000); // the end mark, with the stored bit set
        b.putInt(0x02CC5D05); // XXH32 of no bytes, seed 0
        byte[] frame = Arrays.copyOf(b.array(), b.position());
        assertArrayEquals(new byte[0], readWithLz4Java(frame), "lz4-java reads it as an empty frame");
        assertArrayEquals(new byte[0], decodeAll(frame, 0, true));
        assertTrue(decoder.isEnded());
    }

    @Test
    void everyTruncationIsTruncatedInput() {
        byte[] frame = frame(sample(1000, 9), 4, true, true, true);
        for (int length = 0; length < frame.length; length++) {
            byte[] cut = Arrays.copyOf(frame, length);
            assertEquals(WdStatus.TRUNCATED_INPUT, failure(cut).status(), "cut at " + length);
        }
    }

    @Test
    void damageIsNamed() {
        byte[] data = sample(1000, 10);
        byte[] frame = frame(data, 4, true, true, true);
        assertStatus(WdStatus.CORRUPT_INPUT, frame, 0, 0x05, "magic");
        assertStatus(WdStatus.UNSUPPORTED, frame, 4, 0x84 ^ frame[4], "version");
        assertStatus(WdStatus.CORRUPT_INPUT, frame, 5, 0x01, "reserved BD bit");
        assertStatus(WdStatus.CHECKSUM_MISMATCH, frame, 14, 0x01, "header checksum");
        assertStatus(WdStatus.CHECKSUM_MISMATCH, frame, 20, 0x01, "block data, caught by its checksum");
        assertStatus(WdStatus.CHECKSUM_MISMATCH, frame, frame.length - 1, 0x01, "content checksum");
        // Without block checksums damaged block data reaches the content checksum or the block decoder.
        byte[] plain = frame(data, 4, false, true, false);
        plain[plain.length - 20] ^= 0x01;
        assertEquals(WdStatus.CHECKSUM_MISMATCH, failure(plain).status());
        // A block size beyond the block maximum.
        byte[] big = frame.clone();
        big[15 + 2] = 0x10;
        assertEquals(WdStatus.CORRUPT_INPUT, failure(big).status());
        // Trailing garbage after a complete frame.
        byte[] trailing = Arrays.copyOf(frame, frame.length + 4);
        assertEquals(WdStatus.CORRUPT_INPUT, failure(trailing).status());
        // The legacy format.
        assertEquals(WdStatus.UNSUPPORTED, failure(new byte[] {0x02, 0x21, 0x4c, 0x18, 0, 0, 0, 0}).status());
    }

    @Test
    void aDeclaredContentSizeThatDiffersIsCorrupt() {
        byte[] data = sample(1000, 11);
        writer.start(4, false, false, data.length);
        ByteBuffer out = ByteBuffer.allocate(2000);
        writer.writeHeader(out);
        writer.writeBlock(ByteBuffer.wrap(data), 0, 999, out);
        assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, () -> writer.writeEnd(out)).status());
        out.putInt(0);
        assertEquals(WdStatus.CORRUPT_INPUT, failure(Arrays.copyOf(out.array(), out.position())).status());
    }

    @Test
    void aDictionaryIsUnsupported() {
        ByteBuffer frame = ByteBuffer.allocate(32);
        frame.put(new byte[] {0x04, 0x22, 0x4d, 0x18, 0x61, 0x40, 1, 2, 3, 4, 0});
        frame.put(10, (byte) Lz4Format.headerChecksum(frame, 4, 6));
        putLe(frame, 0);
        assertEquals(WdStatus.UNSUPPORTED, failure(Arrays.copyOf(frame.array(), frame.position())).status());
    }

    /** A frame that declares more content than the limit is refused before anything is decoded. */
    @Test
    void theLimitAppliesToDeclaredAndActualContent() {
        byte[] data = new byte[1 << 20];
        byte[] sized = frame(data, 7, false, false, true);
        Lz4TestSink sink = new Lz4TestSink(ByteBuffer.allocate(data.length), 1000, true);
        decoder.reset();
        WdException e = assertThrows(WdException.class,
                () -> decoder.decodeAll(new BufferInput().of(ByteBuffer.wrap(sized)), sink));
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
        assertEquals(0, sink.out.position());
        byte[] unsized = frame(data, 7, false, false, false);
        Lz4TestSink limited = new Lz4TestSink(ByteBuffer.allocate(data.length), 1000, true);
        decoder.reset();
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, assertThrows(WdException.class,
                () -> decoder.decodeAll(new BufferInput().of(ByteBuffer.wrap(unsized)), limited)).status());
        assertEquals(1000, limited.out.position());
        // Too small a destination without a limit.
        assertEquals(WdStatus.OUTPUT_TOO_SMALL, assertThrows(WdException.class,
                () -> decodeAll(unsized, data.length - 1, true)).status());
    }

    /**
     * The content checksum goes through the engine's hash: an engine whose hash is XXH32 inverted
     * writes frames whose checksum is that (streamed over many blocks, or in one call for a frame
     * that is one block of declared size), its decoder reads them, and the default decoder refuses them.
     */
    @Test
    void theContentChecksumIsTheEnginesHash() {
        Lz4BlockEngine inverted = new Lz4BlockEngine() {
            @Override
            public int compress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
                return engine.compress(src, offset, length, dst, dstOffset, room);
            }

            @Override
            public int decompress(ByteBuffer src, int offset, int length, ByteBuffer dst, int dstOffset, int room) {
                return engine.decompress(src, offset, length, dst, dstOffset, room);
            }

            @Override
            public Lz4ContentHash contentHash() {
                return new InvertedXxh32();
            }
        };
        Lz4FrameWriter invertedWriter = new Lz4FrameWriter(inverted);
        Lz4FrameDecoder invertedDecoder = new Lz4FrameDecoder(inverted);
        for (int length : new int[] {1_000, 65_536, 300_000}) {
            byte[] data = sample(length, length);
            for (boolean declareSize : new boolean[] {false, true}) {
                String what = length + " bytes, content size declared " + declareSize;
                invertedWriter.start(4, false, true, declareSize ? length : -1);
                ByteBuffer out = ByteBuffer.allocate((int) invertedWriter.frameBound(length));
                invertedWriter.writeHeader(out);
                for (int at = 0; at < length; at += invertedWriter.blockMaxSize()) {
                    invertedWriter.writeBlock(ByteBuffer.wrap(data), at,
                            Math.min(invertedWriter.blockMaxSize(), length - at), out);
                }
                invertedWriter.writeEnd(out);
                byte[] frame = Arrays.copyOf(out.array(), out.position());
                int checksum = ByteBuffer.wrap(frame, frame.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
                assertEquals(~Xxh32.hash(ByteBuffer.wrap(data), 0, length, 0), checksum, what);
                Lz4TestSink sink = new Lz4TestSink(ByteBuffer.allocate(length), Long.MAX_VALUE, true);
                invertedDecoder.reset();
                invertedDecoder.decodeAll(new BufferInput().of(ByteBuffer.wrap(frame)), sink);
                assertArrayEquals(data, sink.written(), what);
                assertEquals(WdStatus.CHECKSUM_MISMATCH, failure(frame).status(), what);
            }
        }
    }

    /** XXH32 with every bit of its result inverted: a hash the frames cannot get by chance. */
    private static final class InvertedXxh32 implements Lz4ContentHash {
        private final Xxh32 xxh32 = new Xxh32();

        @Override
        public void reset() {
            xxh32.reset();
        }

        @Override
        public void update(ByteBuffer buffer, int offset, int length) {
            xxh32.update(buffer, offset, length);
        }

        @Override
        public int digest() {
            return ~xxh32.digest();
        }

        @Override
        public int hash(ByteBuffer buffer, int offset, int length) {
            return ~xxh32.hash(buffer, offset, length);
        }
    }

    private void assertStatus(WdStatus status, byte[] frame, int index, int xor, String what) {
        byte[] damaged = frame.clone();
        damaged[index] ^= (byte) xor;
        assertEquals(status, failure(damaged).status(), what);
    }

    private WdException failure(byte[] frame) {
        return assertThrows(WdException.class, () -> decodeAll(frame, 1 << 20, true));
    }

    private static void putLe(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16)).put((byte) (value >>> 24));
    }
}
