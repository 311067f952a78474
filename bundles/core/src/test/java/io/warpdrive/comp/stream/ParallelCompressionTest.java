package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.TestPlatform;
import io.warpdrive.stats.ConsumerUsage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plumbing of parallel compression against a real engine whose driver copies input to
 * output: what reaches the underlying stream is the header, every piece's bytes in the order
 * written, and a trailer whose checksum (combined from the pieces') and length are those of
 * the whole input. Many streams at once account for every byte; a piece that fails is served
 * again, and a stream whose piece fails twice fails without a trailer. The codec (real deflate
 * pieces primed with dictionaries) is tested with the soft and isal drivers
 * (ParallelStreamConformance).
 */
class ParallelCompressionTest {
    private static final int PIECE = ParallelCompression.MIN_PIECE_SIZE;

    private TestPlatform platform;
    private Compressor compressor;

    @BeforeEach
    void start() {
        platform = TestPlatform.withCopyingDriver();
        compressor = platform.compressorFor("test.parallel");
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in writes of {@code writeSize} through a parallel stream. */
    private byte[] parallel(Algorithm algorithm, byte[] data, int writeSize, int inFlight) throws IOException {
        RecordingOutputStream sink = new RecordingOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, SessionSpec.of(algorithm),
                ParallelCompression.of(PIECE, inFlight))) {
            for (int at = 0; at < data.length; at += writeSize) {
                out.write(data, at, Math.min(writeSize, data.length - at));
            }
        }
        return sink.toByteArray();
    }

    /** Header, the data itself (the copying driver's "deflate"), trailer with checksum and length. */
    private static void assertFramed(Algorithm algorithm, byte[] data, byte[] out) {
        int header = algorithm == Algorithm.GZIP ? 10 : algorithm == Algorithm.ZLIB ? 2 : 0;
        int trailer = algorithm == Algorithm.GZIP ? 8 : algorithm == Algorithm.ZLIB ? 4 : 0;
        assertEquals(header + data.length + trailer, out.length, "header, every byte once, trailer");
        assertArrayEquals(data, Arrays.copyOfRange(out, header, header + data.length), "in the order written");
        ByteBuffer end = ByteBuffer.wrap(out, header + data.length, trailer);
        if (algorithm == Algorithm.GZIP) {
            CRC32 crc = new CRC32();
            crc.update(data);
            end.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((int) crc.getValue(), end.getInt(), "CRC-32 combined from the pieces'");
            assertEquals(data.length, end.getInt(), "ISIZE");
        } else if (algorithm == Algorithm.ZLIB) {
            Adler32 adler = new Adler32();
            adler.update(data);
            assertEquals((int) adler.getValue(), end.order(ByteOrder.BIG_ENDIAN).getInt(), "Adler-32 combined");
        }
    }

    @ParameterizedTest(name = "{0}: {1} bytes in writes of {2}, {3} in flight")
    @CsvSource({ "GZIP,0,1,1", "GZIP,1,1,2", "GZIP,65535,4096,2", "GZIP,65536,65536,2", "GZIP,65537,7,3",
            "GZIP,655360,65536,1", "GZIP,1000003,100000,4", "ZLIB,0,1,2", "ZLIB,131073,65537,2",
            "ZLIB,999999,300000,8", "DEFLATE,196608,1,2", "DEFLATE,500001,70001,3" })
    void everyByteOnceInOrderWithTheWholeInputsChecksum(Algorithm algorithm, int length, int writeSize,
            int inFlight) throws IOException {
        byte[] data = random(length, length);
        assertFramed(algorithm, data, parallel(algorithm, data, Math.max(1, writeSize), inFlight));
    }

    @Test
    void aSyncFlushWritesOutEverythingSoFar() throws IOException {
        byte[] data = random(3 * PIECE + 5, 3);
        RecordingOutputStream sink = new RecordingOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, SessionSpec.of(Algorithm.GZIP),
                ParallelCompression.of(PIECE, 2))) {
            out.write(data, 0, PIECE + 100);
            out.flush();
            assertEquals(10 + PIECE + 100, sink.size(), "the header and everything written");
            assertEquals(1, sink.flushes, "the underlying stream flushed");
            out.flush();
            assertEquals(10 + PIECE + 100, sink.size(), "nothing new: nothing more");
            out.write(data, PIECE + 100, data.length - PIECE - 100);
        }
        assertFramed(Algorithm.GZIP, data, sink.toByteArray());
    }

    @Test
    void manyStreamsAtOnceEachGetTheirOwnBytes() throws Exception {
        int threads = 8;
        int streamsEach = 6;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            running[t] = new Thread(() -> {
                try {
                    for (int s = 0; s < streamsEach; s++) {
                        byte[] data = random(PIECE * (1 + s % 3) + id * 1000 + s, id * 100 + s);
                        Algorithm algorithm = s % 2 == 0 ? Algorithm.GZIP : Algorithm.ZLIB;
                        assertFramed(algorithm, data, parallel(algorithm, data, 10_000 + id, 1 + s % 4));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "parallel-writer-" + t);
            running[t].start();
        }
        for (Thread t : running) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertEquals(0, platform.openStreamStates(), "every piece's stream state released");
    }

    @Test
    void aPieceThatFailsIsServedAgain() throws IOException {
        byte[] data = random(2 * PIECE + 17, 11);
        RecordingOutputStream sink = new RecordingOutputStream();
        try (CompressorOutputStream out = new CompressorOutputStream(sink, compressor, SessionSpec.of(Algorithm.GZIP),
                ParallelCompression.of(PIECE, 4))) {
            platform.failJobsWith(WdStatus.INTERNAL);
            out.write(data, 0, PIECE); // submitted: fails on the engine
            TestPlatform.await("the first piece failed", () -> internalErrors() > 0);
            platform.failJobsWith(null);
            out.write(data, PIECE, data.length - PIECE);
        }
        assertFramed(Algorithm.GZIP, data, sink.toByteArray());
    }

    @Test
    void aPieceThatFailsAgainFailsTheStreamWithoutATrailer() throws IOException {
        byte[] data = random(2 * PIECE, 12);
        RecordingOutputStream sink = new RecordingOutputStream();
        CompressorOutputStream out = new CompressorOutputStream(sink, compressor, SessionSpec.of(Algorithm.GZIP),
                ParallelCompression.of(PIECE, 2));
        out.write(data, 0, PIECE);
        platform.failJobsWith(WdStatus.INTERNAL);
        out.write(data, PIECE, PIECE);
        IOException e = assertThrows(IOException.class, out::close);
        assertTrue(e.getCause() instanceof WdException, e.toString());
        assertEquals(WdStatus.INTERNAL, ((WdException) e.getCause()).status());
        assertEquals(1, sink.closes, "the underlying stream is closed all the same");
        assertTrue(sink.size() <= 10 + PIECE, "nothing after the last good piece: " + sink.size() + " bytes");
        assertThrows(IOException.class, () -> out.write(1), "unusable after the failure");
        assertEquals(0, platform.openStreamStates(), "the pieces' stream states released");
    }

    @Test
    void refusesBadSettingsAndAlgorithmsWithoutPieces() {
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> ParallelCompression.of(1000, 2)).status());
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> ParallelCompression.of(PIECE, 0)).status());
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> ParallelCompression.onEngines(0)).status());
        assertEquals(4, ParallelCompression.onEngines(2).piecesInFlight());
    }

    /** zstd and LZ4: each piece a frame of its own, so neither header nor trailer around them. */
    @ParameterizedTest(name = "{0}: {1} bytes in writes of {2}, {3} in flight")
    @CsvSource({ "ZSTD,1,1,1", "ZSTD,65536,65536,2", "ZSTD,1000003,100000,4", "LZ4,65537,7,3",
            "LZ4,500001,70001,2" })
    void framedFormatsGetEveryByteOnceInOrderAndNothingElse(Algorithm algorithm, int length, int writeSize,
            int inFlight) throws IOException {
        byte[] data = random(length, length);
        assertArrayEquals(data, parallel(algorithm, data, writeSize, inFlight));
        assertEquals(0, platform.openStreamStates(), "every piece's stream state released");
    }

    @Test
    void theOneShotHelperWritesTheSameStream() {
        byte[] data = random(5 * PIECE / 2, 5);
        assertFramed(Algorithm.ZLIB, data, Compress.toArray(compressor, SessionSpec.of(Algorithm.ZLIB),
                ParallelCompression.of(PIECE, 3), data));
    }

    @Test
    void aStreamTakesADictionaryWhereRawDeflateCompressionHasOneAndBeforeItsFirstRequest() {
        ByteBuffer dictionary = ByteBuffer.wrap(random(100, 1));
        try (StreamSession gzip = compressor.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP))) {
            assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                    () -> gzip.setDictionary(dictionary)).status());
        }
        try (StreamSession deflate = compressor.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.DEFLATE))) {
            deflate.setDictionary(dictionary); // the copying driver takes none: the stream opens without it
            ByteBuffer out = ByteBuffer.allocate(64);
            deflate.process(ByteBuffer.wrap(new byte[] {1, 2, 3}), out, Flush.SYNC);
            assertEquals(3, out.position());
            assertEquals(WdStatus.INVALID_STATE, assertThrows(WdException.class,
                    () -> deflate.setDictionary(dictionary)).status());
            deflate.reset();
            deflate.setDictionary(dictionary);
        }
    }

    private long internalErrors() {
        List<? extends ConsumerUsage> consumers = platform.usage().consumers();
        return consumers.stream().mapToLong(c -> c.errors().getOrDefault(WdStatus.INTERNAL, 0L)).sum();
    }
}
