package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged input must fail with the status that names the damage, and with nothing but a
 * WdException ({@link Worker#run} fails the test on anything else): no
 * DataFormatException, no RuntimeException.
 */
class SoftCodecCorruptionTest {
    private static final Set<WdStatus> DATA_ERRORS =
            EnumSet.of(WdStatus.CORRUPT_INPUT, WdStatus.TRUNCATED_INPUT, WdStatus.CHECKSUM_MISMATCH);

    private final SoftCodec codec = new SoftCodec();
    private final byte[] original = Corpus.sample("xml", 24_000);

    @AfterEach
    void close() {
        codec.close();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void truncatedAtEveryOffset(Algorithm algorithm) {
        byte[] compressed = Worker.compress(codec, algorithm, 6, original);
        for (int length = 0; length < compressed.length; length++) {
            SgList source = Buffers.source(compressed, 0, length, length % 3 == 0 ? new int[] {1, 7} : null, length % 2 == 0);
            SgList space = SgList.of(ByteBuffer.allocate(original.length));
            TestJob job = Worker.run(codec, TestJob.decompress(algorithm, source, space));
            assertEquals(WdStatus.TRUNCATED_INPUT, job.failure, "cut at " + length + ": " + job.failureDetail);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everySingleBitFlipIsCaughtOrHarmless(Algorithm algorithm) {
        byte[] compressed = Worker.compress(codec, algorithm, 6, original);
        for (int bit = 0; bit < compressed.length * 8; bit++) {
            byte[] damaged = compressed.clone();
            damaged[bit / 8] ^= 1 << (bit % 8);
            SgList space = SgList.of(ByteBuffer.allocate(2 * original.length));
            TestJob job = Worker.run(codec, TestJob.decompress(algorithm, SgList.of(ByteBuffer.wrap(damaged)), space));
            if (job.failure == null) {
                if (algorithm != Algorithm.DEFLATE) {
                    // Only fields outside the checksums may change harmlessly (MTIME, XFL, OS, FTEXT).
                    assertArrayEquals(original, Buffers.produced(space), "bit " + bit + " passed the checksum");
                }
            } else {
                Set<WdStatus> allowed = EnumSet.copyOf(DATA_ERRORS);
                if (algorithm == Algorithm.ZLIB && bit / 8 == 1) {
                    allowed.add(WdStatus.UNSUPPORTED); // FDICT set with a still valid FCHECK
                }
                if (algorithm == Algorithm.DEFLATE) {
                    allowed.add(WdStatus.OUTPUT_TOO_SMALL); // no check value: a flip may lengthen the output
                }
                assertTrue(allowed.contains(job.failure), "bit " + bit + ": " + job.failure + " " + job.failureDetail);
            }
        }
    }

    @Test
    void wrongGzipMagic() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, original);
        compressed[1] = (byte) 0x8c;
        TestJob job = decompress(Algorithm.GZIP, compressed);
        Worker.assertFailed(job, WdStatus.CORRUPT_INPUT, "not gzip: bad magic 0x1f 0x8c at byte 0");
        compressed[0] = 'P';
        compressed[1] = 'K';
        Worker.assertFailed(decompress(Algorithm.GZIP, compressed), WdStatus.CORRUPT_INPUT, "not gzip: bad magic 0x50 0x4b");
    }

    @Test
    void wrongGzipCrc() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, original);
        compressed[compressed.length - 8] ^= 0x01;
        Worker.assertFailed(decompress(Algorithm.GZIP, compressed), WdStatus.CHECKSUM_MISMATCH, "gzip CRC-32 mismatch");
    }

    @Test
    void wrongGzipIsize() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, original);
        compressed[compressed.length - 1] ^= 0x01;
        Worker.assertFailed(decompress(Algorithm.GZIP, compressed), WdStatus.CHECKSUM_MISMATCH, "gzip ISIZE mismatch");
    }

    @Test
    void wrongAdler() {
        byte[] compressed = Worker.compress(codec, Algorithm.ZLIB, 6, original);
        compressed[compressed.length - 1] ^= 0x01;
        Worker.assertFailed(decompress(Algorithm.ZLIB, compressed), WdStatus.CHECKSUM_MISMATCH, "Adler-32 mismatch");
    }

    @Test
    void wrongZlibHeader() {
        byte[] compressed = Worker.compress(codec, Algorithm.ZLIB, 6, original);
        compressed[1] ^= 0x01;
        Worker.assertFailed(decompress(Algorithm.ZLIB, compressed), WdStatus.CORRUPT_INPUT, "multiple of 31");
    }

    @Test
    void zlibPresetDictionaryIsUnsupported() {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setDictionary("dictionary".getBytes(StandardCharsets.US_ASCII));
        deflater.setInput(original);
        deflater.finish();
        byte[] out = new byte[2 * original.length];
        int length = deflater.deflate(out);
        deflater.end();
        byte[] compressed = java.util.Arrays.copyOf(out, length);
        Worker.assertFailed(decompress(Algorithm.ZLIB, compressed), WdStatus.UNSUPPORTED, "preset dictionary");
    }

    @Test
    void invalidDeflateDataIsCorruptWithZlibsReason() {
        byte[] invalidBlockType = {(byte) 0xff, (byte) 0xff, 0x00};
        TestJob job = decompress(Algorithm.DEFLATE, invalidBlockType);
        Worker.assertFailed(job, WdStatus.CORRUPT_INPUT, "corrupt deflate data in deflate stream: invalid block type");
    }

    @Test
    void gibberishAsGzipZlibAndDeflate() {
        byte[] gibberish = "this is not compressed data at all".getBytes(StandardCharsets.US_ASCII);
        assertEquals(WdStatus.CORRUPT_INPUT, decompress(Algorithm.GZIP, gibberish).failure);
        assertEquals(WdStatus.CORRUPT_INPUT, decompress(Algorithm.ZLIB, gibberish).failure);
        assertTrue(DATA_ERRORS.contains(decompress(Algorithm.DEFLATE, gibberish).failure));
    }

    @Test
    void codecWorksAfterFailures() {
        byte[] compressed = Worker.compress(codec, Algorithm.GZIP, 6, original);
        byte[] broken = compressed.clone();
        broken[broken.length / 2] ^= 0x55;
        assertTrue(DATA_ERRORS.contains(decompress(Algorithm.GZIP, broken).failure));
        assertArrayEquals(original, Worker.decompress(codec, Algorithm.GZIP, compressed, original.length));
    }

    private TestJob decompress(Algorithm algorithm, byte[] compressed) {
        return Worker.run(codec, TestJob.decompress(algorithm, SgList.of(ByteBuffer.wrap(compressed)),
                SgList.of(ByteBuffer.allocate(2 * original.length))));
    }
}
