package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * Blocks of 4 to 64 KiB taken in turn from every other kind at random places, so a single
 * request switches between text, code, tables, binary, random bytes and runs, as an archive
 * of assorted files does.
 */
final class MixedGenerator implements Generator {
    private static final int POOL = 2 << 20;
    private static final DataKind[] PARTS = {DataKind.TEXT, DataKind.SOURCE, DataKind.XML, DataKind.ROWS,
        DataKind.BINARY, DataKind.RANDOM, DataKind.RUNS};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        byte[][] pools = new byte[PARTS.length][];
        while (out.size() < size) {
            int part = random.nextInt(PARTS.length);
            if (pools[part] == null) {
                pools[part] = TestData.bytes(PARTS[part], POOL);
            }
            int length = 4096 + random.nextInt(60 * 1024);
            int from = random.nextInt(POOL - length);
            out.put(pools[part], from, length);
        }
    }
}
