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
import io.warpdrive.lib.StreamState;
import io.warpdrive.testing.conformance.Buffers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.kit.Allocations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stateless job contract of {@link SoftCodec}: sizes, limits, parameters, reuse, lifecycle. */
class SoftCodecTest {
    private static final byte[] TEXT = ("A scatter-gather list of ByteBuffers: the input or the output of a request. ")
            .repeat(200).getBytes(StandardCharsets.US_ASCII);

    private final SoftCodec codec = new SoftCodec();

    @AfterEach
    void close() {
        codec.close();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void emptyInputCompressesToAnEmptyStream(Algorithm algorithm) throws IOException {
        byte[] compressed = Worker.compress(codec, algorithm, 6, new byte[0]);
        assertEquals(algorithm == Algorithm.GZIP ? 20 : algorithm == Algorithm.ZLIB ? 8 : 2, compressed.length);
        assertArrayEquals(new byte[0], JdkZip.decompress(algorithm, compressed));
        assertArrayEquals(new byte[0], Worker.decompress(codec, algorithm, compressed, 0), "into no room at all");
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void emptyInputIsATruncatedStream(Algorithm algorithm) {
        assertEquals(WdStatus.TRUNCATED_INPUT, Worker.decompressStatus(codec, algorithm, new byte[0], 100));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void compressIntoTooSmallADestination(Algorithm algorithm) {
        byte[] compressed = Worker.compress(codec, algorithm, 6, TEXT);
        SgList exact = SgList.of(ByteBuffer.allocate(compressed.length));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.compress(algorithm, 6, SgList.of(ByteBuffer.wrap(TEXT)), exact)));
        assertArrayEquals(compressed, Buffers.produced(exact), "an exactly sized destination is enough");
        for (int size : new int[] {0, 1, 5, compressed.length - 1}) {
            RecordingJob job = Worker.run(codec, RecordingJob.compress(algorithm, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                    SgList.of(ByteBuffer.allocate(size))));
            Worker.assertFailed(job, WdStatus.OUTPUT_TOO_SMALL, "too small");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void decompressIntoTooSmallADestination(Algorithm algorithm) {
        byte[] compressed = Worker.compress(codec, algorithm, 6, TEXT);
        for (int size : new int[] {0, 1, TEXT.length / 2, TEXT.length - 1}) {
            assertEquals(WdStatus.OUTPUT_TOO_SMALL, Worker.decompressStatus(codec, algorithm, compressed, size),
                    "room " + size);
        }
        assertEquals(WdStatus.OK, Worker.decompressStatus(codec, algorithm, compressed, TEXT.length));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void outputLimitGuardsAgainstDecompressionBombs(Algorithm algorithm) {
        byte[] bomb = Worker.compress(codec, algorithm, 9, new byte[4 * 1024 * 1024]);
        assertTrue(bomb.length < 8 * 1024);
        SgList space = SgList.of(ByteBuffer.allocate(8 * 1024 * 1024));
        RecordingJob job = Worker.run(codec, RecordingJob.decompress(algorithm, SgList.of(ByteBuffer.wrap(bomb)), space)
                .outputLimit(1024 * 1024));
        Worker.assertFailed(job, WdStatus.OUTPUT_LIMIT_EXCEEDED, "output limit of 1048576 bytes");
        assertEquals(1024 * 1024, space.get(0).position(), "never writes past the limit");
        assertEquals(8 * 1024 * 1024, space.get(0).limit(), "the destination's limit is restored");

        SgList enough = SgList.of(ByteBuffer.allocate(8 * 1024 * 1024));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.decompress(algorithm, SgList.of(ByteBuffer.wrap(bomb)),
                enough).outputLimit(4 * 1024 * 1024)));
        assertEquals(4 * 1024 * 1024, enough.get(0).position(), "a limit equal to the output is fine");
    }

    @Test
    void outputLimitAppliesToCompressionToo() {
        RecordingJob job = Worker.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                SgList.of(ByteBuffer.allocate(TEXT.length))).outputLimit(10));
        Worker.assertFailed(job, WdStatus.OUTPUT_LIMIT_EXCEEDED, "output limit of 10 bytes");
    }

    @ParameterizedTest
    @EnumSource(value = WindowSize.class, names = "W32K", mode = EnumSource.Mode.EXCLUDE)
    void smallerCompressionWindowsAreUnsupported(WindowSize window) {
        RecordingJob job = Worker.run(codec, RecordingJob.compress(Algorithm.ZLIB, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                SgList.of(ByteBuffer.allocate(TEXT.length))).window(window));
        Worker.assertFailed(job, WdStatus.UNSUPPORTED, "32 KiB window only");
        assertTrue(job.detail.contains(window.name()), job.detail);

        byte[] compressed = Worker.compress(codec, Algorithm.ZLIB, 6, TEXT);
        SgList space = SgList.of(ByteBuffer.allocate(TEXT.length));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.decompress(Algorithm.ZLIB,
                SgList.of(ByteBuffer.wrap(compressed)), space).window(window)));
        assertArrayEquals(TEXT, Buffers.produced(space), "decompression accepts any window");
    }

    @Test
    void levelsOutsideOneToNineAreInvalid() {
        for (int level : new int[] {0, -1, 10}) {
            RecordingJob job = Worker.run(codec, RecordingJob.compress(Algorithm.GZIP, level, SgList.of(ByteBuffer.wrap(TEXT)),
                    SgList.of(ByteBuffer.allocate(TEXT.length))));
            Worker.assertFailed(job, WdStatus.INVALID_ARGUMENT, "level " + level);
        }
    }

    @Test
    void readOnlyDestinationIsInvalidButReadOnlySourceIsFine() {
        RecordingJob readOnlyDestination = Worker.run(codec, RecordingJob.compress(Algorithm.GZIP, 6,
                SgList.of(ByteBuffer.wrap(TEXT)), SgList.of(ByteBuffer.allocate(TEXT.length).asReadOnlyBuffer())));
        Worker.assertFailed(readOnlyDestination, WdStatus.INVALID_ARGUMENT, "read-only");

        SgList space = SgList.of(ByteBuffer.allocate(TEXT.length));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.compress(Algorithm.GZIP, 6,
                SgList.of(ByteBuffer.wrap(TEXT).asReadOnlyBuffer()), space)));
        byte[] compressed = Buffers.produced(space);
        SgList out = SgList.of(ByteBuffer.allocate(TEXT.length));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.decompress(Algorithm.GZIP,
                SgList.of(ByteBuffer.wrap(compressed).asReadOnlyBuffer()), out)));
        assertArrayEquals(TEXT, Buffers.produced(out));
    }

    @Test
    void emptySegmentsAnywhereAreSkipped() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, TEXT);
        int half = compressed.length / 2;
        SgList source = SgList.of(ByteBuffer.allocate(0), ByteBuffer.wrap(compressed, 0, half).slice(),
                ByteBuffer.allocateDirect(0), ByteBuffer.wrap(compressed, half, compressed.length - half).slice(),
                ByteBuffer.allocate(0));
        SgList space = SgList.of(ByteBuffer.allocate(0), ByteBuffer.allocate(100), ByteBuffer.allocate(0),
                ByteBuffer.allocateDirect(TEXT.length - 100), ByteBuffer.allocate(0));
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.decompress(Algorithm.GZIP, source, space)));
        assertArrayEquals(TEXT, Buffers.produced(space));
    }

    @Test
    void positionsAndLimitsOfTheCallersBuffersAreHonoured() {
        byte[] padded = new byte[TEXT.length + 20];
        System.arraycopy(TEXT, 0, padded, 10, TEXT.length);
        ByteBuffer source = ByteBuffer.wrap(padded).position(10).limit(10 + TEXT.length);
        ByteBuffer destination = ByteBuffer.allocate(TEXT.length + 50).position(7).limit(TEXT.length + 40);
        Worker.assertSucceeded(Worker.run(codec, RecordingJob.compress(Algorithm.ZLIB, 6, SgList.of(source),
                SgList.of(destination))));
        assertEquals(10 + TEXT.length, source.position());
        assertEquals(TEXT.length + 40, destination.limit());
        byte[] compressed = new byte[destination.position() - 7];
        destination.get(7, compressed);
        assertArrayEquals(JdkZip.compress(Algorithm.ZLIB, 6, TEXT), compressed);
    }

    @Test
    void interleavedAlgorithmsAndLevelsDoNotLeakStateBetweenJobs() {
        byte[] gzip1 = Worker.compress(codec, Algorithm.GZIP, 1, TEXT);
        byte[] zlib9 = Worker.compress(codec, Algorithm.ZLIB, 9, TEXT);
        byte[] deflate6 = Worker.compress(codec, Algorithm.DEFLATE, 6, TEXT);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(gzip1, Worker.compress(codec, Algorithm.GZIP, 1, TEXT));
            assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.ZLIB, zlib9, TEXT.length));
            assertArrayEquals(zlib9, Worker.compress(codec, Algorithm.ZLIB, 9, TEXT));
            assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.GZIP, gzip1, TEXT.length));
            assertArrayEquals(deflate6, Worker.compress(codec, Algorithm.DEFLATE, 6, TEXT));
            assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.DEFLATE, deflate6, TEXT.length));
        }
    }

    @Test
    void aFailedJobLeavesNothingBehind() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, TEXT);
        // Fails half-way through the deflate data, with the inflater mid-stream.
        assertEquals(WdStatus.OUTPUT_TOO_SMALL, Worker.decompressStatus(codec, Algorithm.GZIP, compressed, 100));
        assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.GZIP, compressed, TEXT.length));
        RecordingJob tooSmall = Worker.run(codec, RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                SgList.of(ByteBuffer.allocate(50))));
        assertEquals(WdStatus.OUTPUT_TOO_SMALL, tooSmall.failure());
        assertArrayEquals(compressed, Worker.compress(codec, Algorithm.GZIP, 6, TEXT));
    }

    @Test
    void steadyStateJobsDoNotAllocate() {
        byte[] data = TestFiles.sample("text", 64 * 1024);
        ByteBuffer heapSource = ByteBuffer.wrap(data);
        ByteBuffer directSource = ByteBuffer.allocateDirect(data.length).put(data).flip();
        ByteBuffer compressedSpace = ByteBuffer.allocateDirect(data.length);
        ByteBuffer heapSpace = ByteBuffer.allocate(data.length);
        SgList src = SgList.allocate(4);
        SgList dst = SgList.allocate(4);
        RecordingJob job = new RecordingJob();
        Algorithm[] algorithms = { Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP };
        int[] round = {0};
        Runnable oneRoundTrip = () -> {
            Algorithm algorithm = algorithms[round[0]++ % algorithms.length];
            ByteBuffer source = (round[0] & 1) == 0 ? heapSource : directSource;
            src.set(source.clear());
            dst.set(compressedSpace.clear());
            codec.execute(job.set(Operation.COMPRESS, algorithm, 1 + round[0] % 9, src, dst));
            src.set(compressedSpace.flip());
            dst.set(heapSpace.clear());
            codec.execute(job.set(Operation.DECOMPRESS, algorithm, 6, src, dst));
            if (heapSpace.position() != data.length) {
                throw new AssertionError("round trip lost data");
            }
        };
        long bytes = Allocations.bytesAllocatedBy(oneRoundTrip, 600);
        assertTrue(bytes < 64 * 1024, "600 round trips allocated " + bytes + " bytes");
    }

    @Test
    void streamJobsAreServedByTheirSoftStream() {
        SoftStream stream = new SoftStream(Algorithm.GZIP, Operation.COMPRESS, 6, WindowSize.W32K);
        SgList space = SgList.of(ByteBuffer.allocate(TEXT.length));
        RecordingJob job = RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)), space)
                .stream(stream, Flush.FINISH);
        Worker.assertSucceeded(Worker.run(codec, job));
        assertTrue(job.endOfStream);
        assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.GZIP, Buffers.produced(space), TEXT.length));
        stream.close();
    }

    @Test
    void aForeignStreamStateIsRefused() {
        StreamState foreign = () -> { };
        RecordingJob job = RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                SgList.of(ByteBuffer.allocate(TEXT.length))).stream(foreign, Flush.NONE);
        Worker.assertFailed(Worker.run(codec, job), WdStatus.INVALID_ARGUMENT, "not made by the soft driver");
    }

    @Test
    void aStreamOfAnotherKindIsRefused() {
        SoftStream decompressing = new SoftStream(Algorithm.GZIP, Operation.DECOMPRESS, 6,
                WindowSize.W32K);
        RecordingJob job = RecordingJob.compress(Algorithm.GZIP, 6, SgList.of(ByteBuffer.wrap(TEXT)),
                SgList.of(ByteBuffer.allocate(TEXT.length))).stream(decompressing, Flush.NONE);
        Worker.assertFailed(Worker.run(codec, job), WdStatus.INVALID_ARGUMENT, "carries the state of a GZIP DECOMPRESS");
        decompressing.close();
    }

    @Test
    void missingPartsOfAJobAreInvalid() {
        RecordingJob noAlgorithm = RecordingJob.compress(null, 6, SgList.of(ByteBuffer.wrap(TEXT)), SgList.of(ByteBuffer.allocate(10)));
        Worker.assertFailed(Worker.run(codec, noAlgorithm), WdStatus.INVALID_ARGUMENT, "algorithm");
        RecordingJob noSource = RecordingJob.decompress(Algorithm.GZIP, null, SgList.of(ByteBuffer.allocate(10)));
        Worker.assertFailed(Worker.run(codec, noSource), WdStatus.INVALID_ARGUMENT, "source");
        RecordingJob negativeLimit = RecordingJob.decompress(Algorithm.GZIP, SgList.of(ByteBuffer.allocate(1)),
                SgList.of(ByteBuffer.allocate(10))).outputLimit(-1);
        Worker.assertFailed(Worker.run(codec, negativeLimit), WdStatus.INVALID_ARGUMENT, "output limit");
    }

    @Test
    void closeIsIdempotentAndFinal() {
        Worker.compress(codec, Algorithm.GZIP, 1, TEXT);
        Worker.compress(codec, Algorithm.ZLIB, 9, TEXT);
        codec.close();
        codec.close();
        WdException e = assertThrows(WdException.class, () -> codec.execute(RecordingJob.compress(Algorithm.GZIP, 6,
                SgList.of(ByteBuffer.wrap(TEXT)), SgList.of(ByteBuffer.allocate(TEXT.length)))));
        assertEquals(WdStatus.INVALID_STATE, e.status());
        assertFalse(e.getMessage().isEmpty());
    }
}
