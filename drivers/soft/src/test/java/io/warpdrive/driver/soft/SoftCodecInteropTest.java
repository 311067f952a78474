package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.Buffers;
import io.warpdrive.testing.conformance.GzipMembers;
import io.warpdrive.testing.conformance.JdkZip;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.conformance.RecordingJob;
import io.warpdrive.testing.kit.HeaderBytes;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec against java.util.zip, hand-made gzip headers and the gzip command, both ways. */
class SoftCodecInteropTest {
    private static final byte[] TEXT = ("It was the best of times, it was the worst of times, it was the age of"
            + " wisdom, it was the age of foolishness. ").repeat(300).getBytes(StandardCharsets.US_ASCII);

    private final SoftCodec codec = new SoftCodec();

    @AfterEach
    void close() {
        codec.close();
    }

    private static byte[] sample() {
        return TestFiles.sample("text", 200_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 9})
    void ourGzipIsReadByGzipInputStream(int level) throws IOException {
        for (byte[] data : new byte[][] {new byte[0], {42}, TEXT, sample()}) {
            byte[] compressed = Worker.compress(codec, Algorithm.GZIP, level, data);
            assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) (level == 9 ? 2 : level == 1 ? 4 : 0), 3},
                    Arrays.copyOf(compressed, 10), "UADK's header with gzip's XFL");
            assertArrayEquals(data, JdkZip.decompress(Algorithm.GZIP, compressed));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"DEFLATE", "ZLIB", "GZIP"})
    void javaUtilZipOutputIsReadByTheCodec(Algorithm algorithm) {
        for (int level : new int[] {1, 6, 9}) {
            for (byte[] data : new byte[][] {new byte[0], {42}, TEXT, sample()}) {
                byte[] compressed = JdkZip.compress(algorithm, level, data);
                assertArrayEquals(data, Worker.decompress(codec, algorithm, compressed, data.length));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ZLIB", "DEFLATE"})
    void ourZlibAndDeflateAreReadByInflaterInputStream(Algorithm algorithm) throws IOException {
        for (int level = 1; level <= 9; level++) {
            byte[] compressed = Worker.compress(codec, algorithm, level, TEXT);
            assertArrayEquals(TEXT, JdkZip.decompress(algorithm, compressed), "level " + level);
        }
    }

    @Test
    void zlibStreamIsByteIdenticalToDeflaterOutputStream() {
        for (int level = 1; level <= 9; level++) {
            assertArrayEquals(JdkZip.compress(Algorithm.ZLIB, level, TEXT),
                    Worker.compress(codec, Algorithm.ZLIB, level, TEXT), "level " + level);
        }
    }

    /** What {@code gzip -9 -N dickens} writes: FNAME, the file's time, XFL 2. */
    @Test
    void headerWithFileNameAsGzipNWritesIt() {
        byte[] data = sample();
        byte[] member = GzipMembers.member(HeaderBytes.gzip().name("dickens").mtime(1_700_000_000L).xfl(2), data, 9);
        assertEquals(0x08, member[3]);
        assertArrayEquals(data, Worker.decompress(codec, Algorithm.GZIP, member, data.length));
    }

    @Test
    void headerWithEveryFlagIncludingHeaderCrc() {
        byte[] member = GzipMembers.member(HeaderBytes.gzip().text().mtime(0xFFFF_FFFFL).extra(new byte[] {'A', 'B', 3, 0, 7, 8, 9})
                .name("caf\u00e9.txt").comment("every optional field").headerCrc(), TEXT, 6);
        assertEquals(0x1f, member[3]);
        assertArrayEquals(TEXT, Worker.decompress(codec, Algorithm.GZIP, member, TEXT.length));
    }

    @Test
    void headerCrcMismatchIsReported() {
        byte[] member = GzipMembers.member(HeaderBytes.gzip().name("x").headerCrc(), TEXT, 6);
        member[13] ^= 0x40; // the high byte of the header CRC16 (10 fixed bytes + "x\0" + low byte)
        assertEquals(WdStatus.CHECKSUM_MISMATCH, Worker.decompressStatus(codec, Algorithm.GZIP, member, TEXT.length));
    }

    @Test
    void concatenatedMembersDecodeToTheirConcatenation() {
        byte[] a = Worker.compress(codec, Algorithm.GZIP, 1, TEXT);
        byte[] b = JdkZip.compress(Algorithm.GZIP, 9, "second member".getBytes(StandardCharsets.US_ASCII));
        byte[] c = GzipMembers.member(HeaderBytes.gzip().name("third").headerCrc(), new byte[0], 6);
        byte[] d = GzipMembers.member(HeaderBytes.gzip().comment("fourth"), TEXT, 3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(TEXT);
        expected.writeBytes("second member".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(TEXT);
        byte[] all = concat(a, b, c, d);
        assertArrayEquals(expected.toByteArray(), Worker.decompress(codec, Algorithm.GZIP, all, expected.size()));
    }

    @Test
    void concatenatedMembersAcrossOddSegments() {
        byte[] all = concat(Worker.compress(codec, Algorithm.GZIP, 6, TEXT), Worker.compress(codec, Algorithm.GZIP, 6, TEXT));
        for (int[] pattern : new int[][] {{1}, {2, 3}, {7}, {4093}}) {
            SgList source = Buffers.source(all, 0, all.length, pattern, false);
            SgList space = Buffers.space(2 * TEXT.length, new int[] {1, 7, 4093}, true);
            RecordingJob job = Worker.run(codec, RecordingJob.decompress(Algorithm.GZIP, source, space));
            Worker.assertSucceeded(job);
            assertTrue(job.endOfStream);
            assertEquals(concat(TEXT, TEXT).length, Buffers.produced(space).length);
            assertArrayEquals(concat(TEXT, TEXT), Buffers.produced(space));
        }
    }

    @Test
    void bytesAfterTheLastMemberThatAreNotGzipAreLeftUnconsumed() {
        byte[] member = Worker.compress(codec, Algorithm.GZIP, 6, TEXT);
        for (byte[] trailing : new byte[][] {{0, 0, 0, 0}, {0x1f}, {0x1f, 0x00}, "garbage".getBytes(StandardCharsets.US_ASCII)}) {
            ByteBuffer source = ByteBuffer.wrap(concat(member, member, trailing));
            SgList space = SgList.of(ByteBuffer.allocate(3 * TEXT.length));
            RecordingJob job = Worker.run(codec, RecordingJob.decompress(Algorithm.GZIP, SgList.of(source), space));
            Worker.assertSucceeded(job);
            assertTrue(job.endOfStream);
            assertEquals(trailing.length, source.remaining(), "the trailing bytes are left");
            assertEquals(2 * TEXT.length, Buffers.produced(space).length);
        }
    }

    @Test
    void aMagicFollowedByGarbageIsACorruptMember() {
        byte[] member = Worker.compress(codec, Algorithm.GZIP, 6, TEXT);
        byte[] input = concat(member, new byte[] {0x1f, (byte) 0x8b, 0x07, 0});
        assertEquals(WdStatus.CORRUPT_INPUT, Worker.decompressStatus(codec, Algorithm.GZIP, input, 2 * TEXT.length));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ZLIB", "DEFLATE"})
    void zlibAndDeflateDecodeOneStreamAndLeaveTheRest(Algorithm algorithm) {
        byte[] stream = Worker.compress(codec, algorithm, 6, TEXT);
        ByteBuffer source = ByteBuffer.wrap(concat(stream, stream));
        SgList space = SgList.of(ByteBuffer.allocate(2 * TEXT.length));
        RecordingJob job = Worker.run(codec, RecordingJob.decompress(algorithm, SgList.of(source), space));
        Worker.assertSucceeded(job);
        assertTrue(job.endOfStream);
        assertEquals(stream.length, source.position(), "stops at the end of the first stream");
        assertArrayEquals(TEXT, Buffers.produced(space));
    }

    @Test
    void gzipCommandOutputIsReadByTheCodec() throws Exception {
        Path gzip = gzipCommand();
        byte[] original = TestFiles.file("xml");
        for (String level : new String[] {"-1", "-6", "-9"}) {
            Path compressed = scratch("xml-" + level + ".gz");
            run(new ProcessBuilder(gzip.toString(), "-c", "-N", level, TestFiles.path("xml").toString())
                    .redirectOutput(compressed.toFile()));
            byte[] bytes = Files.readAllBytes(compressed);
            assertEquals(0x08, bytes[3] & 0x08, "gzip -N writes the name");
            assertArrayEquals(original, Worker.decompress(codec, Algorithm.GZIP, bytes, original.length), level);
        }
    }

    @Test
    void codecOutputIsReadByTheGzipCommand() throws Exception {
        Path gzip = gzipCommand();
        byte[] original = TestFiles.file("xml");
        for (int level : new int[] {1, 6, 9}) {
            Path compressed = scratch("ours-" + level + ".gz");
            Files.write(compressed, Worker.compress(codec, Algorithm.GZIP, level, original));
            Path decompressed = scratch("ours-" + level + ".out");
            run(new ProcessBuilder(gzip.toString(), "-d", "-c", compressed.toString())
                    .redirectOutput(decompressed.toFile()));
            assertArrayEquals(original, Files.readAllBytes(decompressed), "level " + level);
        }
    }

    private static Path gzipCommand() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "gzip");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("the gzip command is not on PATH: skipping interop with gzip's own output");
        return null;
    }

    private static void run(ProcessBuilder command) throws Exception {
        Process process = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "gzip finished");
        assertEquals(0, process.exitValue(), "gzip exit status");
    }

    private static Path scratch(String name) throws IOException {
        Path directory = Path.of(System.getProperty("basedir", "."), "target", "interop");
        Files.createDirectories(directory);
        return directory.resolve(name);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
