package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * Long runs: blocks of zeros up to 256 KiB, runs of one byte value, short patterns repeated
 * many times, and now and then a few hundred random bytes between them, as sparse files,
 * bitmaps and padded images have. Compresses hundreds of times over.
 */
final class RunsGenerator implements Generator {
    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        byte[] pattern = new byte[16];
        while (out.size() < size) {
            int kind = random.nextInt(8);
            if (kind < 3) {
                for (int n = 4096 + random.nextInt(252 * 1024); n > 0; n--) {
                    out.put(0);
                }
            } else if (kind < 5) {
                int value = random.nextInt(256);
                for (int n = 1 + random.nextInt(64 * 1024); n > 0; n--) {
                    out.put(value);
                }
            } else if (kind < 7) {
                int period = 2 + random.nextInt(15);
                for (int i = 0; i < period; i++) {
                    pattern[i] = (byte) random.nextInt(256);
                }
                for (int n = 1 + random.nextInt(32 * 1024); n > 0; n--) {
                    out.put(pattern[n % period]);
                }
            } else {
                for (int n = 16 + random.nextInt(500); n > 0; n--) {
                    out.put(random.nextInt(256));
                }
            }
        }
    }
}
