package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/** Uniformly random bytes: incompressible, so every engine must store rather than shrink them. */
final class RandomGenerator implements Generator {
    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        while (out.size() < size) {
            out.int64(random.nextLong());
        }
    }
}
