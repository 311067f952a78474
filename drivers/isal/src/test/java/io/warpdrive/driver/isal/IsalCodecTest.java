package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.lib.format.ZlibFormat;
import io.warpdrive.testing.conformance.Buffers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.kit.Allocations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stateless job contract of {@link IsalCodec} on this machine's libisal: sizes, limits,
 * parameters, the level mapping and how igzip's codes become statuses.
 */
class IsalCodecTest {
    private static final byte[] TEXT = ("A scatter-gather list of ByteBuffers: the input or the output of a request. ")
            .repeat(200).getBytes(StandardCharsets.US_ASCII);

    private ScriptedIgzip igzip;
    private IsalCodec codec;

    @BeforeEach
    void open() {
        igzip = ScriptedIgzip.onLibisal();
        codec = new IsalCodec(igzip, LevelMap.defaults());
    }

    @AfterEach
    void close() {
        codec.close();
        assertEquals(0, igzip.liveBlocks(), "the codec freed its native memory");
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void everyLevelRoundTripsAndJavaUtilZipReadsIt(Algorithm algorithm) throws IOException {
        for (int level = 1; level <= 9; level++) {
            byte[] compressed = Jobs.compress(codec, algorithm, level, TEXT);
            assertTrue(compressed.length < TEXT.length / 4, "level " + level + " compresses");
            assertArrayEquals(TEXT, JdkZip.decompress(algorithm, compressed), "level " + level);
            assertArrayEquals(TEXT, Jobs.decompress(codec, algorithm, compressed, TEXT.length));
        }
    }

    @Test
    void platformLevelsMapToIgzipLevels() {
        for (int level = 1; level <= 9; level++) {
            Jobs.compress(codec, Algorithm.DEFLATE, level, TEXT);
        }
        assertEquals(List.of(1, 2, 3, 3, 3, 3, 3, 3, 3), igzip.deflateLevels);

        igzip.deflateLevels.clear();
        try (IsalCodec other = new IsalCodec(igzip, LevelMap.parse("1,1,1,1,1,2,2,2,2"))) {
            for (int level : new int[] {1, 5, 9}) {
                Jobs.compress(other, Algorithm.GZIP, level, TEXT);
            }
        }
        assertEquals(List.of(1, 1, 2), igzip.deflateLevels);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void emptyInputCompressesToAnEmptyStream(Algorithm algorithm) throws IOException {
        byte[] compressed = Jobs.compress(codec, algorithm, 6, new byte[0]);
        assertArrayEquals(new byte[0], JdkZip.decompress(algorithm, compressed));
        assertArrayEquals(new byte[0], Jobs.decompress(codec, algorithm, compressed, 0), "into no room at all");
        assertEquals(WdStatus.TRUNCATED_INPUT, Jobs.decompressStatus(codec, algorithm, new byte[0], 100));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void compressIntoTooSmallADestination(Algorithm algorithm) throws IOException {
        for (int level : new int[] {1, 2, 6}) {
            byte[] compressed = Jobs.compress(codec, algorithm, level, TEXT);
            SgList exact = Jobs.space(compressed.length);
            Jobs.assertSucceeded(Jobs.run(codec, RecordingJob.compress(algorithm, level, Jobs.direct(TEXT), exact)));
            // igzip picks its blocks by the room it has, so the bytes may differ (never grow)
            assertArrayEquals(TEXT, JdkZip.decompress(algorithm, Buffers.produced(exact)),
                    "an exactly sized destination is enough");
            for (int size : new int[] {0, 1, 5, compressed.length / 2}) {
                RecordingJob job = Jobs.run(codec, RecordingJob.compress(algorithm, level, Jobs.direct(TEXT),
                        Jobs.space(size)));
                Jobs.assertFailed(job, WdStatus.OUTPUT_TOO_SMALL, "too small");
            }
        }
    }

    /**
     * What {@code Compressor.maxCompressedLength} promises holds at every level, stateless
     * and as a stream ended in one call, also for small and incompressible inputs (where igzip
     * level 0's fixed-table block header alone would not fit a stream's room).
     */
    @Test
    void everyOutputFitsTheCompressBound() throws IOException {
        Random random = new Random(7);
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        for (int i = 0; i < 600; i++) {
            Algorithm algorithm = Algorithm.values()[i % 3];
            int level = 1 + i % 9;
            byte[] data = Arrays.copyOf(i % 2 == 0 ? noise : TEXT, random.nextInt(i % 4 < 2 ? 300 : 15_000));
            int bound = (int) Buffers.compressBound(data.length);
            SgList stateless = Jobs.space(bound);
            Jobs.assertSucceeded(Jobs.run(codec, RecordingJob.compress(algorithm, level, Jobs.direct(data), stateless)));
            assertArrayEquals(data, JdkZip.decompress(algorithm, Buffers.produced(stateless)));
            try (IsalStream stream = new IsalStream(igzip, LevelMap.defaults(), algorithm, Operation.COMPRESS, level,
                    WindowSize.W32K)) {
                SgList room = Jobs.space(bound);
                RecordingJob job = Jobs.run(codec, RecordingJob.compress(algorithm, level, Jobs.direct(data), room)
                        .stream(stream, Flush.FINISH));
                Jobs.assertSucceeded(job);
                assertTrue(job.endOfStream, "a " + data.length + "-byte " + algorithm + " stream at level " + level
                        + " ends within " + bound + " bytes");
                assertArrayEquals(data, JdkZip.decompress(algorithm, Buffers.produced(room)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void decompressIntoTooSmallADestination(Algorithm algorithm) {
        byte[] compressed = Jobs.compress(codec, algorithm, 6, TEXT);
        for (int size : new int[] {0, 1, TEXT.length / 2, TEXT.length - 1}) {
            assertEquals(WdStatus.OUTPUT_TOO_SMALL, Jobs.decompressStatus(codec, algorithm, compressed, size),
                    "room " + size);
        }
        assertEquals(WdStatus.OK, Jobs.decompressStatus(codec, algorithm, compressed, TEXT.length));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void outputLimitGuardsAgainstDecompressionBombs(Algorithm algorithm) {
        byte[] bomb = JdkZip.compress(algorithm, 9, new byte[4 * 1024 * 1024]);
        SgList space = Jobs.space(8 * 1024 * 1024);
        RecordingJob job = Jobs.run(codec, RecordingJob.decompress(algorithm, Jobs.direct(bomb), space)
                .outputLimit(1024 * 1024));
        Jobs.assertFailed(job, WdStatus.OUTPUT_LIMIT_EXCEEDED, "output limit of 1048576 bytes");
        assertEquals(1024 * 1024, space.get(0).position(), "never writes past the limit");
        assertEquals(8 * 1024 * 1024, space.get(0).limit(), "the destination's limit is untouched");

        SgList enough = Jobs.space(8 * 1024 * 1024);
        Jobs.assertSucceeded(Jobs.run(codec, RecordingJob.decompress(algorithm, Jobs.direct(bomb), enough)
                .outputLimit(4 * 1024 * 1024)));
        assertEquals(4 * 1024 * 1024, enough.get(0).position(), "a limit equal to the output is fine");
    }

    @Test
    void outputLimitAppliesToCompressionToo() {
        RecordingJob job = Jobs.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, Jobs.direct(TEXT),
                Jobs.space(TEXT.length)).outputLimit(10));
        Jobs.assertFailed(job, WdStatus.OUTPUT_LIMIT_EXCEEDED, "output limit of 10 bytes");
    }

    @ParameterizedTest
    @EnumSource(WindowSize.class)
    void everyWindowCompressesAndTheZlibHeaderAnnouncesIt(WindowSize window) throws IOException {
        SgList space = Jobs.space(TEXT.length);
        Jobs.assertSucceeded(Jobs.run(codec, RecordingJob.compress(Algorithm.ZLIB, 6, Jobs.direct(TEXT), space)
                .window(window)));
        byte[] compressed = Buffers.produced(space);
        assertEquals(ZlibFormat.cinfo(window), (compressed[0] & 0xff) >>> 4);
        assertArrayEquals(TEXT, JdkZip.decompress(Algorithm.ZLIB, compressed));
    }

    @Test
    void aJobAllocatesNothing() {
        byte[] data = Arrays.copyOf(TEXT, 8000);
        ByteBuffer source = ByteBuffer.allocateDirect(data.length).put(data).flip();
        ByteBuffer compressed = ByteBuffer.allocateDirect((int) Buffers.compressBound(data.length));
        ByteBuffer restored = ByteBuffer.allocateDirect(data.length);
        SgList src = SgList.allocate(1);
        SgList dst = SgList.allocate(1);
        RecordingJob job = new RecordingJob();
        Algorithm[] algorithms = { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP };
        int[] round = {0};
        try (IsalCodec real = new IsalCodec(ScriptedIgzip.libisal(), LevelMap.defaults())) {
            Runnable oneRoundTrip = () -> {
                Algorithm algorithm = algorithms[round[0]++ % algorithms.length];
                real.execute(job.set(Operation.COMPRESS, algorithm, 1 + round[0] % 9, src.set(source.clear()),
                        dst.set(compressed.clear())));
                real.execute(job.set(Operation.DECOMPRESS, algorithm, 6, src.set(compressed.flip()),
                        dst.set(restored.clear())));
                if (restored.position() != data.length) {
                    throw new AssertionError("round trip lost data");
                }
            };
            long bytes = Allocations.bytesAllocatedBy(oneRoundTrip, 600);
            assertTrue(bytes < 64 * 1024, "600 round trips allocated " + bytes + " bytes");
        }
    }

    @Test
    void heapOrScatteredBuffersAreRefusedAsThePlatformBouncesThem() {
        RecordingJob heap = Jobs.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                Jobs.space(TEXT.length)));
        Jobs.assertFailed(heap, WdStatus.INVALID_ARGUMENT, "must be a direct buffer");
        SgList two = SgList.of(ByteBuffer.allocateDirect(10), ByteBuffer.allocateDirect(10));
        RecordingJob scattered = Jobs.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, two, Jobs.space(100)));
        Jobs.assertFailed(scattered, WdStatus.INVALID_ARGUMENT, "several segments");
        RecordingJob level = Jobs.run(codec, RecordingJob.compress(Algorithm.GZIP, 0, Jobs.direct(TEXT),
                Jobs.space(TEXT.length)));
        Jobs.assertFailed(level, WdStatus.INVALID_ARGUMENT, "level 0 outside 1..9");
    }

    @Test
    void dataAfterAZlibStreamIsLeftInTheSource() {
        byte[] compressed = Jobs.compress(codec, Algorithm.ZLIB, 1, TEXT);
        byte[] withTrailing = new byte[compressed.length + 5];
        System.arraycopy(compressed, 0, withTrailing, 0, compressed.length);
        SgList source = Jobs.direct(withTrailing);
        SgList space = Jobs.space(TEXT.length);
        Jobs.assertSucceeded(Jobs.run(codec, RecordingJob.decompress(Algorithm.ZLIB, source, space)));
        assertEquals(compressed.length, source.get(0).position(), "igzip's read-ahead is given back");
    }

    @Test
    void igzipErrorCodesBecomeTypedErrors() {
        byte[] compressed = Jobs.compress(codec, Algorithm.DEFLATE, 6, TEXT);
        igzip.inflateResult = code -> IgzipAbi.ISAL_INVALID_SYMBOL;
        RecordingJob corrupt = Jobs.run(codec, RecordingJob.decompress(Algorithm.DEFLATE, Jobs.direct(compressed),
                Jobs.space(TEXT.length)));
        Jobs.assertFailed(corrupt, WdStatus.CORRUPT_INPUT, "corrupt deflate data in deflate stream: invalid symbol");
        igzip.inflateResult = code -> IgzipAbi.ISAL_NEED_DICT;
        Jobs.assertFailed(Jobs.run(codec, RecordingJob.decompress(Algorithm.DEFLATE, Jobs.direct(compressed),
                Jobs.space(TEXT.length))), WdStatus.UNSUPPORTED, "preset dictionary");
        igzip.inflateResult = code -> code;

        igzip.deflateResult = code -> -4; // ISAL_INVALID_LEVEL
        RecordingJob refused = Jobs.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, Jobs.direct(TEXT),
                Jobs.space(TEXT.length)));
        Jobs.assertFailed(refused, WdStatus.INTERNAL, "code -4");
        igzip.deflateResult = code -> code;
        assertArrayEquals(TEXT, Jobs.decompress(codec, Algorithm.DEFLATE, compressed, TEXT.length),
                "the codec goes on serving");
    }

    /**
     * Found by fuzzing: a fixed-Huffman block whose end is followed by fewer bytes than igzip
     * read ahead, then a zlib trailer and trailing bytes. The read-ahead given back must never
     * move the source past its end.
     */
    @Test
    void readAheadGivenBackStaysInsideTheSource() {
        byte[] input = { 0x78, (byte) 0x9c, 0x03, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 0x0a, 0x00, 0x00, 0x00,
            0x01, (byte) 0x81, 0x10, 0x00, 0x78, (byte) 0x9c, 0x04, 0x01 };
        SgList source = Jobs.direct(input);
        RecordingJob job = Jobs.run(codec, RecordingJob.decompress(Algorithm.ZLIB, source, Jobs.space(1 << 18)));
        assertTrue(job.failure() != WdStatus.INTERNAL, () -> "a typed outcome, not " + job.detail);
        assertTrue(source.get(0).position() <= input.length);
    }
}
