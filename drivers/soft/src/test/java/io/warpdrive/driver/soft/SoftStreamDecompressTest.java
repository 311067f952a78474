package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.warpdrive.testing.conformance.GzipMembers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.kit.HeaderBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Decompressing streams: any feeding, multi-member gzip, the end of the stream, errors and broken state. */
class SoftStreamDecompressTest {
    private static final long UNLIMITED = Long.MAX_VALUE;

    private final SoftCodec codec = new SoftCodec();
    private final List<SoftStream> streams = new ArrayList<>();

    @AfterEach
    void close() {
        streams.forEach(SoftStream::close);
        codec.close();
    }

    private SoftStream decompressor(Algorithm algorithm) {
        SoftStream stream = new SoftStream(algorithm, Operation.DECOMPRESS, 6, WindowSize.W32K);
        streams.add(stream);
        return stream;
    }

    private byte[] compressed(Algorithm algorithm, byte[] data) {
        return Worker.compress(codec, algorithm, 6, data);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void fedOneByteAtATime(Algorithm algorithm) {
        byte[] data = TestFiles.sample("xml", 30_000);
        byte[] compressed = compressed(algorithm, data);
        for (int room : new int[] {1, 4096}) {
            StreamDriver.Decoded run = StreamDriver.decompress(decompressor(algorithm), compressed, new int[] {1}, room,
                    false);
            assertArrayEquals(data, run.bytes(), "room " + room);
            assertEquals(compressed.length, run.consumed);
            assertTrue(run.endOfStream);
            assertEquals(List.of(compressed.length), dedupe(run.endsReported), "the end is reported only at the end");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void oddChunksAndRooms(Algorithm algorithm) {
        byte[] data = TestFiles.sample("binary", 200_000);
        byte[] compressed = compressed(algorithm, data);
        for (int[] chunks : new int[][] {{7}, {1, 7, 4093, 65537}, {compressed.length}}) {
            for (int room : new int[] {13, 65536}) {
                StreamDriver.Decoded run = StreamDriver.decompress(decompressor(algorithm), compressed, chunks, room, true);
                assertArrayEquals(data, run.bytes());
                assertTrue(run.endOfStream);
            }
        }
    }

    @Test
    void headerWithEveryFlagSplitAnywhere() {
        byte[] data = "optional fields everywhere".repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] member = GzipMembers.member(HeaderBytes.gzip().text().extra(new byte[] {1, 2, 3, 4}).name("name.txt").comment("comment")
                .headerCrc(), data, 6);
        for (int[] chunks : new int[][] {{1}, {2}, {3, 5}, {11}}) {
            StreamDriver.Decoded run = StreamDriver.decompress(decompressor(Algorithm.GZIP), member, chunks, 64, true);
            assertArrayEquals(data, run.bytes());
        }
    }

    @Test
    void membersFollowEachOtherAndEachEndIsReported() {
        byte[] a = compressed(Algorithm.GZIP, TestFiles.sample("text", 5000));
        byte[] b = JdkZip.compress(Algorithm.GZIP, 1, "second".getBytes(StandardCharsets.US_ASCII));
        byte[] c = GzipMembers.member(HeaderBytes.gzip().name("empty"), new byte[0], 6);
        byte[] d = compressed(Algorithm.GZIP, TestFiles.sample("xml", 3000));
        byte[] all = SoftCodecInteropTest.concat(a, b, c, d);
        byte[] expected = SoftCodecInteropTest.concat(TestFiles.sample("text", 5000), "second".getBytes(StandardCharsets.US_ASCII),
                TestFiles.sample("xml", 3000));
        List<Integer> memberEnds = List.of(a.length, a.length + b.length, a.length + b.length + c.length, all.length);

        StreamDriver.Decoded byteByByte = StreamDriver.decompress(decompressor(Algorithm.GZIP), all, new int[] {1}, 4096,
                false);
        assertArrayEquals(expected, byteByByte.bytes());
        assertEquals(memberEnds, dedupe(byteByByte.endsReported), "true exactly where a member ends");
        for (int offset : byteByByte.notEnded) {
            assertFalse(memberEnds.contains(offset), "not ended at " + offset);
        }
        assertTrue(byteByByte.endOfStream);
    }

    @Test
    void memberBoundariesAcrossRequests() {
        byte[] a = compressed(Algorithm.GZIP, "first".getBytes(StandardCharsets.US_ASCII));
        byte[] b = compressed(Algorithm.GZIP, "second".getBytes(StandardCharsets.US_ASCII));
        SoftStream stream = decompressor(Algorithm.GZIP);
        ByteBuffer out = ByteBuffer.allocate(100);
        assertTrue(stream.process(SgList.of(ByteBuffer.wrap(a)), SgList.of(out), Flush.NONE, UNLIMITED));
        assertTrue(stream.isFinished());
        assertFalse(stream.process(SgList.of(ByteBuffer.wrap(b, 0, 5)), SgList.of(out), Flush.NONE, UNLIMITED));
        assertFalse(stream.isFinished());
        assertTrue(stream.process(SgList.of(ByteBuffer.wrap(b, 5, b.length - 5)), SgList.of(out), Flush.NONE, UNLIMITED));
        ByteBuffer both = ByteBuffer.wrap(SoftCodecInteropTest.concat(a, b));
        assertTrue(stream.process(SgList.of(both), SgList.of(out), Flush.FINISH, UNLIMITED), "two members in one request");
        assertEquals("firstsecondfirstsecond", new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII));
    }

    @Test
    void bytesAfterAMemberThatAreNotGzipStayUnconsumed() {
        byte[] member = compressed(Algorithm.GZIP, "data".getBytes(StandardCharsets.US_ASCII));
        SoftStream stream = decompressor(Algorithm.GZIP);
        ByteBuffer source = ByteBuffer.wrap(SoftCodecInteropTest.concat(member, "xyz".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertTrue(stream.process(SgList.of(source), SgList.of(out), Flush.NONE, UNLIMITED));
        assertEquals(3, source.remaining());
        assertTrue(stream.process(SgList.of(source), SgList.of(out), Flush.FINISH, UNLIMITED), "and again");
        assertEquals(3, source.remaining());
        assertEquals(4, out.position());
    }

    @Test
    void aLoneFirstMagicByteWaitsForTheNext() {
        byte[] member = compressed(Algorithm.GZIP, "data".getBytes(StandardCharsets.US_ASCII));
        SoftStream stream = decompressor(Algorithm.GZIP);
        ByteBuffer out = ByteBuffer.allocate(100);
        ByteBuffer first = ByteBuffer.wrap(SoftCodecInteropTest.concat(member, new byte[] {0x1f}));
        assertFalse(stream.process(SgList.of(first), SgList.of(out), Flush.NONE, UNLIMITED),
                "0x1f may start another member: not the end yet");
        assertEquals(1, first.remaining(), "and it is left for the next request");
        assertTrue(stream.process(SgList.of(first), SgList.of(out), Flush.FINISH, UNLIMITED),
                "with no more input it is trailing data");
        assertEquals(1, first.remaining());

        SoftStream continued = decompressor(Algorithm.GZIP);
        ByteBuffer again = ByteBuffer.wrap(SoftCodecInteropTest.concat(member, new byte[] {0x1f}));
        assertFalse(continued.process(SgList.of(again), SgList.of(out), Flush.NONE, UNLIMITED));
        ByteBuffer rest = ByteBuffer.wrap(SoftCodecInteropTest.concat(new byte[] {0x1f}, Arrays.copyOfRange(member, 1, member.length)));
        assertTrue(continued.process(SgList.of(rest), SgList.of(out), Flush.NONE, UNLIMITED), "it was a member");
        assertEquals(0, rest.remaining());
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ZLIB", "DEFLATE"})
    void afterTheEndOfAZlibOrDeflateStreamInputIsLeft(Algorithm algorithm) {
        byte[] stream = compressed(algorithm, "payload".getBytes(StandardCharsets.US_ASCII));
        SoftStream decoder = decompressor(algorithm);
        ByteBuffer out = ByteBuffer.allocate(100);
        ByteBuffer source = ByteBuffer.wrap(SoftCodecInteropTest.concat(stream, stream));
        assertTrue(decoder.process(SgList.of(source), SgList.of(out), Flush.NONE, UNLIMITED));
        assertEquals(stream.length, source.position());
        assertTrue(decoder.process(SgList.of(source), SgList.of(out), Flush.NONE, UNLIMITED), "stays ended");
        assertEquals(stream.length, source.position());
        assertEquals(7, out.position());
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void finishWithoutTheEndIsTruncation(Algorithm algorithm) {
        byte[] compressed = compressed(algorithm, TestFiles.sample("xml", 20_000));
        int[] cuts = algorithm == Algorithm.DEFLATE
                ? new int[] {0, 1, compressed.length / 2, compressed.length - 1}
                : new int[] {0, 1, 5, compressed.length / 2, compressed.length - 3, compressed.length - 1};
        for (int cut : cuts) {
            SoftStream waiting = decompressor(algorithm);
            ByteBuffer room = ByteBuffer.allocate(40_000);
            assertFalse(waiting.process(SgList.of(ByteBuffer.wrap(compressed, 0, cut)), SgList.of(room), Flush.NONE,
                    UNLIMITED), "without FINISH more input may come, cut " + cut);
            WdException e = assertThrows(WdException.class, () -> waiting.process(SgList.of(ByteBuffer.allocate(0)),
                    SgList.of(room), Flush.FINISH, UNLIMITED));
            assertEquals(WdStatus.TRUNCATED_INPUT, e.status(), "cut " + cut + ": " + e.getMessage());

            SoftStream atOnce = decompressor(algorithm);
            assertEquals(WdStatus.TRUNCATED_INPUT, assertThrows(WdException.class, () -> atOnce.process(
                    SgList.of(ByteBuffer.wrap(compressed, 0, cut)), SgList.of(ByteBuffer.allocate(40_000)),
                    Flush.FINISH, UNLIMITED)).status());
        }
    }

    @Test
    void finishWithAFullDestinationAsksForMoreRoomNotMoreInput() {
        byte[] data = TestFiles.sample("xml", 20_000);
        SoftStream stream = decompressor(Algorithm.GZIP);
        ByteBuffer source = ByteBuffer.wrap(compressed(Algorithm.GZIP, data));
        ByteBuffer small = ByteBuffer.allocate(1000);
        assertFalse(stream.process(SgList.of(source), SgList.of(small), Flush.FINISH, UNLIMITED));
        assertEquals(1000, small.position());
        ByteBuffer rest = ByteBuffer.allocate(data.length);
        assertTrue(stream.process(SgList.of(source), SgList.of(rest), Flush.FINISH, UNLIMITED));
        assertEquals(data.length - 1000, rest.position());
    }

    @Test
    void anErrorBreaksTheStreamUntilReset() {
        byte[] data = TestFiles.sample("text", 10_000);
        byte[] good = compressed(Algorithm.GZIP, data);
        byte[] bad = good.clone();
        bad[bad.length - 6] ^= 0x10; // the CRC-32
        SoftStream stream = decompressor(Algorithm.GZIP);
        ByteBuffer room = ByteBuffer.allocate(data.length);
        WdException first = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.wrap(bad)),
                SgList.of(room), Flush.NONE, UNLIMITED));
        assertEquals(WdStatus.CHECKSUM_MISMATCH, first.status());
        assertTrue(stream.isBroken());
        WdException later = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.wrap(good)),
                SgList.of(ByteBuffer.allocate(data.length)), Flush.NONE, UNLIMITED));
        assertEquals(WdStatus.INVALID_STATE, later.status());
        assertTrue(later.getMessage().contains("stream is broken after an earlier error; reset it"), later.getMessage());

        stream.reset();
        ByteBuffer out = ByteBuffer.allocate(data.length);
        assertTrue(stream.process(SgList.of(ByteBuffer.wrap(good)), SgList.of(out), Flush.FINISH, UNLIMITED));
        assertArrayEquals(data, out.array());
    }

    @Test
    void corruptDataInAStream() {
        byte[] compressed = compressed(Algorithm.DEFLATE, TestFiles.sample("xml", 10_000));
        compressed[0] = (byte) 0xff; // block type 3: invalid
        SoftStream stream = decompressor(Algorithm.DEFLATE);
        WdException e = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.wrap(compressed)),
                SgList.of(ByteBuffer.allocate(20_000)), Flush.NONE, UNLIMITED));
        assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        assertTrue(e.getMessage().contains("invalid block type"), e.getMessage());
    }

    @Test
    void outputLimitPerRequest() {
        byte[] zeros = compressed(Algorithm.ZLIB, new byte[1 << 20]);
        SoftStream stream = decompressor(Algorithm.ZLIB);
        ByteBuffer room = ByteBuffer.allocate(1 << 20);
        WdException e = assertThrows(WdException.class, () -> stream.process(SgList.of(ByteBuffer.wrap(zeros)),
                SgList.of(room), Flush.NONE, 4096));
        assertEquals(WdStatus.OUTPUT_LIMIT_EXCEEDED, e.status());
        assertEquals(4096, room.position());
        assertEquals(1 << 20, room.limit(), "the caller's limit is restored");
    }

    @Test
    void closeIsIdempotentAndFinal() {
        SoftStream stream = decompressor(Algorithm.ZLIB);
        stream.close();
        stream.close();
        assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, () -> stream.process(
                SgList.of(ByteBuffer.allocate(1)), SgList.of(ByteBuffer.allocate(1)), Flush.NONE, UNLIMITED)).status());
        assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class, stream::reset).status());
    }

    @Test
    void pipelineOfStreamsOverDirectScatterGatherBuffers() {
        byte[] data = TestFiles.sample("rows", 400_000);
        SoftStream compressor = new SoftStream(Algorithm.GZIP, Operation.COMPRESS, 6, WindowSize.W32K);
        streams.add(compressor);
        SoftStream decompressor = decompressor(Algorithm.GZIP);
        SgList source = Buffers.source(data, 0, data.length, Buffers.ODD_SEGMENTS, true);
        SgList compressed = Buffers.space(Buffers.compressBound(data.length), Buffers.ODD_SEGMENTS, true);
        assertTrue(compressor.process(source, compressed, Flush.FINISH, UNLIMITED));
        byte[] bytes = Buffers.produced(compressed);
        SgList again = Buffers.source(bytes, 0, bytes.length, new int[] {3, 65537}, true);
        SgList out = Buffers.space(data.length, Buffers.ODD_SEGMENTS, true);
        assertTrue(decompressor.process(again, out, Flush.FINISH, UNLIMITED));
        assertArrayEquals(data, Buffers.produced(out));
    }

    /** Offsets in order without repeats (a no-progress request reports the same offset again). */
    private static List<Integer> dedupe(List<Integer> offsets) {
        List<Integer> result = new ArrayList<>();
        for (int offset : offsets) {
            if (result.isEmpty() || result.get(result.size() - 1) != offset) {
                result.add(offset);
            }
        }
        return result;
    }
}
