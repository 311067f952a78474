package io.warpdrive.comp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Combined checksums equal the checksum of the data laid end to end, at any split. */
class ChecksumCombinationTest {

    private static long of(Checksum c, byte[] data, int from, int to) {
        c.reset();
        c.update(data, from, to - from);
        return c.getValue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 255, 256, 5551, 5552, 65520, 65521, 65522, 131_071, 1 << 20, 3_000_017})
    void crc32AndAdler32OfTwoPiecesAreThoseOfTheWhole(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        if (length > 1000) {
            java.util.Arrays.fill(data, length / 3, length / 2, (byte) 0xff); // runs push Adler's sums up fast
        }
        Random splits = new Random(7 * length + 1);
        for (int i = 0; i < 20; i++) {
            int at = length == 0 ? 0 : splits.nextInt(length + 1);
            CRC32 crc = new CRC32();
            Adler32 adler = new Adler32();
            assertEquals(of(crc, data, 0, length), Integer.toUnsignedLong(ChecksumCombination.crc32(
                    (int) of(crc, data, 0, at), (int) of(crc, data, at, length), length - at)), "CRC-32 split at " + at);
            assertEquals(of(adler, data, 0, length), Integer.toUnsignedLong(ChecksumCombination.adler32(
                    (int) of(adler, data, 0, at), (int) of(adler, data, at, length), length - at)),
                    "Adler-32 split at " + at);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100})
    void manyPiecesCombineInOrder(int pieces) {
        byte[] data = new byte[1_000_003];
        new Random(pieces).nextBytes(data);
        CRC32 crc = new CRC32();
        Adler32 adler = new Adler32();
        int crcAll = 0;
        int adlerAll = 1; // the Adler-32 of nothing
        int step = data.length / pieces + 1;
        for (int at = 0; at < data.length; at += step) {
            int to = Math.min(data.length, at + step);
            crcAll = ChecksumCombination.crc32(crcAll, (int) of(crc, data, at, to), to - at);
            adlerAll = ChecksumCombination.adler32(adlerAll, (int) of(adler, data, at, to), to - at);
        }
        assertEquals(of(crc, data, 0, data.length), Integer.toUnsignedLong(crcAll));
        assertEquals(of(adler, data, 0, data.length), Integer.toUnsignedLong(adlerAll));
    }
}
