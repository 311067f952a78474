package io.warpdrive.lib.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/** XXH64 against lz4-java's, one-shot and fed in pieces, heap and direct, any byte order and offset. */
class Xxh64Test {
    private static final XXHash64 REFERENCE = XXHashFactory.safeInstance().hash64();

    @Test
    void knownValues() {
        // XXH64 of the empty input with seed 0, the algorithm's published constant.
        assertEquals(0xEF46DB3751D8E999L, Xxh64.hash(ByteBuffer.allocate(0), 0, 0, 0));
        assertEquals(0xEF46DB3751D8E999L, new Xxh64().digest());
    }

    @Test
    void oneShotMatchesLz4JavaForEveryLengthUpTo300() {
        Random random = new Random(1);
        byte[] data = new byte[310];
        random.nextBytes(data);
        ByteBuffer heap = ByteBuffer.wrap(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).order(ByteOrder.BIG_ENDIAN);
        for (int length = 0; length <= 300; length++) {
            for (int offset : new int[] {0, 3, 7}) {
                long seed = length * 31L - 5;
                long expected = REFERENCE.hash(data, offset, length, seed);
                assertEquals(expected, Xxh64.hash(heap, offset, length, seed), "heap length " + length);
                assertEquals(expected, Xxh64.hash(direct, offset, length, seed), "direct length " + length);
            }
        }
    }

    @Test
    void piecesOfAnySizeHashAsOne() {
        Random random = new Random(2);
        byte[] data = new byte[5000];
        random.nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data);
        Xxh64 streaming = new Xxh64();
        for (int round = 0; round < 200; round++) {
            int length = random.nextInt(data.length);
            long seed = random.nextLong();
            streaming.reset(seed);
            int at = 0;
            while (at < length) {
                int piece = Math.min(length - at, random.nextInt(70));
                streaming.update(round % 2 == 0 ? ByteBuffer.wrap(data) : direct, at, piece);
                at += piece;
            }
            assertEquals(REFERENCE.hash(data, 0, length, seed), streaming.digest(), "round " + round);
        }
    }
}
