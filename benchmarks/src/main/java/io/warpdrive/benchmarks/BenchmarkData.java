package io.warpdrive.benchmarks;

import io.warpdrive.testing.data.DataSet;
import io.warpdrive.testing.data.SilesiaCorpus;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;

/**
 * Request data for the benchmarks: text, from the Silesia corpus's dickens when the folder
 * named by {@code -Dwarpdrive.corpus} (by default {@code ../shared/corpus}) has it, else the
 * project's generated text. Which one is printed once, with its size and origin.
 */
public final class BenchmarkData {
    private static final DataSet TEXT = choose();

    private BenchmarkData() {
    }

    /** The first {@code length} bytes of the text in a direct buffer, repeated if the text is shorter. */
    public static ByteBuffer text(int length) {
        byte[] file = TEXT.bytes();
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        while (b.hasRemaining()) {
            b.put(file, 0, Math.min(file.length, b.remaining()));
        }
        return b.flip();
    }

    private static DataSet choose() {
        if (System.getProperty(SilesiaCorpus.PROPERTY) == null) {
            System.setProperty(SilesiaCorpus.PROPERTY, "../shared/corpus");
        }
        String name = SilesiaCorpus.available().contains("dickens") ? SilesiaCorpus.PREFIX + "dickens" : "text";
        DataSet data = TestFiles.dataSet(name);
        System.err.println("benchmark data: " + data.describe());
        return data;
    }
}
