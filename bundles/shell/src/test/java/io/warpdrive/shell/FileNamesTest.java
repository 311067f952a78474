package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import org.junit.jupiter.api.Test;

/** The suffixes gzip, zstd and lz4 use: added when compressing, recognised and stripped when decompressing. */
class FileNamesTest {

    @Test
    void eachAlgorithmHasItsToolsSuffix() {
        assertEquals("f.gz", FileNames.outputFor(Operation.COMPRESS, "f", Algorithm.GZIP));
        assertEquals("f.zz", FileNames.outputFor(Operation.COMPRESS, "f", Algorithm.ZLIB));
        assertEquals("f.deflate", FileNames.outputFor(Operation.COMPRESS, "f", Algorithm.DEFLATE));
        assertEquals("f.zst", FileNames.outputFor(Operation.COMPRESS, "f", Algorithm.ZSTD));
        assertEquals("f.lz4", FileNames.outputFor(Operation.COMPRESS, "f", Algorithm.LZ4));
    }

    @Test
    void theSuffixNamesTheAlgorithmAndIsStripped() {
        assertEquals(Algorithm.ZSTD, FileNames.algorithmOf("data.ZST"));
        assertEquals(Algorithm.LZ4, FileNames.algorithmOf("data.lz4"));
        assertEquals(Algorithm.ZLIB, FileNames.algorithmOf("data.zz"));
        assertEquals(Algorithm.GZIP, FileNames.algorithmOf("data"), "gzip when the name says nothing");
        assertEquals("data", FileNames.outputFor(Operation.DECOMPRESS, "data.zst", Algorithm.ZSTD));
        assertEquals("data", FileNames.outputFor(Operation.DECOMPRESS, "data.lz4", Algorithm.LZ4));
    }
}
