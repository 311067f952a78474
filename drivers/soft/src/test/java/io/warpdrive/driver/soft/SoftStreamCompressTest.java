package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.testing.conformance.Buffers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Compressing streams: chunking, tiny destinations, flushes, FINISH, errors. */
class SoftStreamCompressTest {
    private static final int[] ONE_BYTE = {1};
    private static final int[] PRIMES = {7, 13, 4099, 65521};
    private static final int[] ONE_MIB = {1024 * 1024};

    private final List<SoftStream> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(SoftStream::close);
    }

    private SoftStream compressor(Algorithm algorithm, int level) {
        SoftStream stream = new SoftStream(algorithm, Operation.COMPRESS, level, WindowSize.W32K);
        streams.add(stream);
        return stream;
    }

    private SoftStream decompressor(Algorithm algorithm) {
        SoftStream stream = new SoftStream(algorithm, Operation.DECOMPRESS, 6, WindowSize.W32K);
        streams.add(stream);
        return stream;
    }

    static Stream<Arguments> chunkings() {
        List<Arguments> cases = new ArrayList<>();
        for (Algorithm algorithm : new Algorithm[] { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP }) {
            cases.add(Arguments.of(algorithm, "1-byte chunks", ONE_BYTE, 24 * 1024));
            cases.add(Arguments.of(algorithm, "prime chunks", PRIMES, 300 * 1024));
            cases.add(Arguments.of(algorithm, "1 MiB chunks", ONE_MIB, 3 * 1024 * 1024 + 17));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("chunkings")
    void chunkedInputIntoOneByteAndSmallDestinations(Algorithm algorithm, String name, int[] chunks, int length)
            throws IOException {
        byte[] data = TestFiles.sample("text", length);
        // Three-byte rooms for the large input keep the request count sensible; still far below a header.
        int tiny = length > 1024 * 1024 ? 3 : 1;
        for (int room : new int[] {tiny, 17, 65536}) {
            byte[] compressed = StreamDriver.compress(compressor(algorithm, 6), data, chunks, room, Flush.NONE);
            assertArrayEquals(data, JdkZip.decompress(algorithm, compressed), "room " + room);
            StreamDriver.Decoded decoded = StreamDriver.decompress(decompressor(algorithm), compressed, PRIMES, 4096, true);
            assertArrayEquals(data, decoded.bytes(), "our own decoder, room " + room);
            assertTrue(decoded.endOfStream);
        }
    }

    @Test
    void gzipHeaderIsWrittenAByteAtATimeIntoOneByteRooms() {
        SoftStream stream = compressor(Algorithm.GZIP, 9);
        ByteBuffer source = ByteBuffer.wrap("abc".getBytes());
        byte[] header = new byte[10];
        for (int i = 0; i < 10; i++) {
            ByteBuffer room = ByteBuffer.allocate(1);
            assertFalse(stream.process(SgList.of(source), SgList.of(room), Flush.NONE, Long.MAX_VALUE));
            assertEquals(1, room.position());
            header[i] = room.get(0);
            assertEquals(0, source.position(), "no input is taken while the header is pending");
        }
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, header);
        assertFalse(stream.process(SgList.of(source), SgList.of(ByteBuffer.allocate(1)), Flush.NONE, Long.MAX_VALUE));
        assertEquals(3, source.position(), "input flows once the header is out");
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void outputIsTheSameHoweverTheDestinationIsCut(Algorithm algorithm) {
        byte[] data = TestFiles.sample("xml", 40_000);
        byte[] oneShot = StreamDriver.compress(compressor(algorithm, 6), data, new int[] {data.length}, 1 << 20,
                Flush.NONE);
        for (int room : new int[] {1, 2, 3, 5, 8, 9, 10, 11, 4093}) {
            assertArrayEquals(oneShot, StreamDriver.compress(compressor(algorithm, 6), data, new int[] {data.length},
                    room, Flush.NONE), "room " + room);
        }
    }

    /** The end of the stream exactly fills the room, or misses it by a few bytes: kept, never lost. */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void finishIntoEveryRoomAroundTheEnd(Algorithm algorithm) {
        byte[] data = TestFiles.sample("xml", 5_000);
        byte[] expected;
        try (SoftCodec codec = new SoftCodec()) {
            expected = Worker.compress(codec, algorithm, 6, data);
        }
        for (int room = expected.length - 12; room <= expected.length + 1; room++) {
            SoftStream stream = compressor(algorithm, 6);
            ByteBuffer first = ByteBuffer.allocate(room);
            boolean ended = stream.process(SgList.of(ByteBuffer.wrap(data)), SgList.of(first), Flush.FINISH,
                    Long.MAX_VALUE);
            assertEquals(room >= expected.length, ended, "room " + room);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(first.array(), 0, first.position());
            if (!ended) {
                StreamDriver.finish(stream, ByteBuffer.allocate(64), out);
            }
            assertArrayEquals(expected, out.toByteArray(), "room " + room);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void syncFlushMakesEverythingSoFarDecodable(Algorithm algorithm) throws DataFormatException {
        byte[] data = TestFiles.sample("text", 200_000);
        SoftStream stream = compressor(algorithm, 6);
        Inflater reader = new Inflater(algorithm != Algorithm.ZLIB);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int skipHeader = algorithm == Algorithm.GZIP ? 10 : 0;
        int fed = 0;
        int at = 0;
        for (int piece : new int[] {1, 1000, 33_333, 65_536, 99_630}) {
            ByteBuffer source = ByteBuffer.wrap(data, at, piece);
            ByteBuffer room = ByteBuffer.allocate(100); // small: the flush needs several calls
            boolean flushed = false;
            while (!flushed) {
                room.clear();
                assertFalse(stream.process(SgList.of(source), SgList.of(room), Flush.SYNC, Long.MAX_VALUE));
                compressed.write(room.array(), 0, room.position());
                flushed = !source.hasRemaining() && room.hasRemaining();
            }
            at += piece;
            byte[] soFar = compressed.toByteArray();
            assertArrayEquals(new byte[] {0, 0, (byte) 0xff, (byte) 0xff},
                    Arrays.copyOfRange(soFar, soFar.length - 4, soFar.length), "ends with the sync marker");
            reader.setInput(soFar, skipHeader + fed, soFar.length - skipHeader - fed);
            fed = soFar.length - skipHeader;
            byte[] buffer = new byte[data.length];
            int n;
            while ((n = reader.inflate(buffer)) > 0) {
                decoded.write(buffer, 0, n);
            }
            assertFalse(reader.finished());
            assertArrayEquals(Arrays.copyOf(data, at), decoded.toByteArray(), "everything up to the flush, after " + at);
        }
        reader.end();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void fullFlushLetsDecodingRestartThere(Algorithm algorithm) throws DataFormatException {
        byte[] part = TestFiles.sample("text", 20_000);
        byte[] afterFull = flushThenRepeat(algorithm, part, Flush.FULL);
        assertArrayEquals(part, inflateRaw(afterFull), "a fresh decoder reads on from the FULL flush");

        byte[] afterSync = flushThenRepeat(algorithm, part, Flush.SYNC);
        boolean readable;
        try {
            readable = Arrays.equals(part, inflateRaw(afterSync));
        } catch (DataFormatException e) {
            readable = false;
        }
        assertFalse(readable, "after a SYNC flush the repeated text refers back past the flush");
    }

    /** Compresses {@code part} with {@code flush}, then the same again with SYNC; the second piece's bytes. */
    private byte[] flushThenRepeat(Algorithm algorithm, byte[] part, Flush flush) {
        SoftStream stream = compressor(algorithm, 6);
        ByteBuffer room = ByteBuffer.allocate(2 * part.length);
        stream.process(SgList.of(ByteBuffer.wrap(part)), SgList.of(room), flush, Long.MAX_VALUE);
        ByteBuffer second = ByteBuffer.allocate(2 * part.length);
        stream.process(SgList.of(ByteBuffer.wrap(part)), SgList.of(second), Flush.SYNC, Long.MAX_VALUE);
        assertNotEquals(0, second.position());
        return Arrays.copyOf(second.array(), second.position());
    }

    private static byte[] inflateRaw(byte[] deflateBlocks) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflateBlocks);
            byte[] out = new byte[1 << 20];
            int n = inflater.inflate(out);
            return Arrays.copyOf(out, n);
        } finally {
            inflater.end();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void emptyStream(Algorithm algorithm) throws IOException {
        SoftStream stream = compressor(algorithm, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamDriver.finish(stream, ByteBuffer.allocate(4), out);
        assertArrayEquals(new byte[0], JdkZip.decompress(algorithm, out.toByteArray()));
        assertTrue(stream.isFinished());
    }

    @Test
    void afterTheEndFinishIsANoOpAndMoreInputIsAnError() {
        SoftStream stream = compressor(Algorithm.GZIP, 6);
        ByteBuffer room = ByteBuffer.allocate(100);
        assertTrue(stream.process(SgList.of(ByteBuffer.wrap("x".getBytes())), SgList.of(room), Flush.FINISH, Long.MAX_VALUE));
        int written = room.position();
        assertTrue(stream.process(SgList.of(ByteBuffer.allocate(0)), SgList.of(room), Flush.FINISH, Long.MAX_VALUE));
        assertEquals(written, room.position(), "nothing more is written");
        WdException e = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.wrap("y".getBytes())),
                SgList.of(room), Flush.NONE, Long.MAX_VALUE));
        assertEquals(WdStatus.INVALID_STATE, e.status());
        assertTrue(e.getMessage().contains("already finished"), e.getMessage());
    }

    @Test
    void finishMustBeRepeatedOnceBegun() {
        byte[] data = TestFiles.sample("xml", 10_000);
        SoftStream tiny = compressor(Algorithm.ZLIB, 6);
        assertFalse(tiny.process(SgList.of(ByteBuffer.wrap(data)), SgList.of(ByteBuffer.allocate(50)), Flush.FINISH,
                Long.MAX_VALUE));
        WdException e = assertThrows(WdException.class, () -> tiny.process(SgList.of(ByteBuffer.allocate(0)),
                SgList.of(ByteBuffer.allocate(50)), Flush.SYNC, Long.MAX_VALUE));
        assertEquals(WdStatus.INVALID_STATE, e.status());
        assertTrue(e.getMessage().contains("FINISH has begun"), e.getMessage());
    }

    @Test
    void outputLimitPerRequest() {
        byte[] data = TestFiles.sample("binary", 100_000);
        SoftStream atLimit = compressor(Algorithm.DEFLATE, 6);
        ByteBuffer room = ByteBuffer.allocate(1000);
        assertFalse(atLimit.process(SgList.of(ByteBuffer.wrap(data)), SgList.of(room), Flush.FINISH, 1000),
                "a limit equal to the room just fills it");
        assertEquals(1000, room.position());

        SoftStream belowRoom = compressor(Algorithm.DEFLATE, 6);
        ByteBuffer big = ByteBuffer.allocate(data.length);
        WdException e = assertThrows(WdException.class, () -> belowRoom.process(SgList.of(ByteBuffer.wrap(data)),
                SgList.of(big), Flush.FINISH, 1000));
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
        assertEquals(1000, big.position());
        assertTrue(belowRoom.isBroken());
    }

    @Test
    void scatterGatherOnBothSides() throws IOException {
        byte[] data = TestFiles.sample("rows", 500_000);
        SoftStream stream = compressor(Algorithm.GZIP, 1);
        SgList source = Buffers.source(data, 0, data.length, Buffers.ODD_SEGMENTS, true);
        SgList space = Buffers.space(Buffers.compressBound(data.length), Buffers.ODD_SEGMENTS, false);
        assertFalse(stream.process(source, space, Flush.SYNC, Long.MAX_VALUE));
        assertEquals(0, source.remaining());
        assertTrue(stream.process(SgList.of(ByteBuffer.allocate(0)), space, Flush.FINISH, Long.MAX_VALUE));
        assertArrayEquals(data, JdkZip.decompress(Algorithm.GZIP, Buffers.produced(space)));
    }

    @Test
    void smallerWindowsAndBadLevelsAreRefusedAtOpen() {
        WdException window = assertThrows(WdException.class,
                () -> new SoftStream(Algorithm.GZIP, Operation.COMPRESS, 6, WindowSize.W16K));
        assertEquals(WdStatus.UNSUPPORTED, window.status());
        assertTrue(window.getMessage().contains("32 KiB"), window.getMessage());
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> new SoftStream(Algorithm.GZIP, Operation.COMPRESS, 0, WindowSize.W32K)).status());
        new SoftStream(Algorithm.GZIP, Operation.DECOMPRESS, 0, WindowSize.W4K).close();
    }

    @Test
    void closeIsIdempotentAndFinal() {
        SoftStream stream = compressor(Algorithm.GZIP, 6);
        stream.process(SgList.of(ByteBuffer.wrap("half".getBytes())), SgList.of(ByteBuffer.allocate(64)), Flush.NONE,
                Long.MAX_VALUE);
        stream.close();
        stream.close();
        WdException e = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.allocate(0)),
                SgList.of(ByteBuffer.allocate(64)), Flush.FINISH, Long.MAX_VALUE));
        assertEquals(WdStatus.INVALID_STATE, e.status());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
