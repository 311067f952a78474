package io.warpdrive.driver.hisi_zip.zip;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The check a device's LZ4 block passes before it goes into a frame: lz4-java's blocks pass, damaged ones do not. */
class Lz4BlockCheckTest {
    private static final LZ4Compressor LZ4 = LZ4Factory.safeInstance().fastCompressor();

    private static ByteBuffer block(byte[] data) {
        byte[] out = new byte[LZ4.maxCompressedLength(data.length)];
        int n = LZ4.compress(data, 0, data.length, out, 0, out.length);
        // at an offset, as in a frame
        ByteBuffer b = ByteBuffer.allocate(n + 7);
        b.position(7);
        b.put(out, 0, n);
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "xml", "binary", "random", "runs", "mixed"})
    void lz4JavasBlocksDescribeTheirInput(String file) {
        for (int size : new int[] {1, 5, 13, 100, 70_000, 300_000}) {
            byte[] data = TestFiles.sample(file, size);
            ByteBuffer b = block(data);
            int n = b.position() - 7;
            assertNull(Lz4BlockCheck.implausible(b, 7, n, size), file + " " + size);
            assertNotNull(Lz4BlockCheck.implausible(b, 7, n, size + 1), "a block shorter than its input");
            assertNotNull(Lz4BlockCheck.implausible(b, 7, n, size - 1), "a block longer than its input");
            assertNotNull(Lz4BlockCheck.implausible(b, 7, n - 1, size), "a truncated block");
        }
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {0, 7, 0xffff})
    void anOffsetBeforeTheStartIsRefused(int offset) {
        // one literal, a match of 4 at the offset, then the 5 closing literals (and 7 more: 12 before the end)
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x10).put((byte) 'a').put((byte) offset).put((byte) (offset >>> 8));
        b.put((byte) 0xc0).put("bbbbbbbbbbbb".getBytes());
        int n = b.position();
        assertNotNull(Lz4BlockCheck.implausible(b, 0, n, 1 + 4 + 12));
    }

    @ParameterizedTest(name = "{0} literals at the end")
    @ValueSource(ints = {4, 0})
    void theEndRulesAreKept(int closing) {
        // 12 literals, a match of 8 at offset 1, then too few closing literals
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) (0xc0 | 4)).put("aaaaaaaaaaaa".getBytes()).put((byte) 1).put((byte) 0);
        b.put((byte) (closing << 4));
        for (int i = 0; i < closing; i++) {
            b.put((byte) 'c');
        }
        assertNotNull(Lz4BlockCheck.implausible(b, 0, b.position(), 12 + 8 + closing));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2})
    void aBlockEndingInsideASequenceIsRefused(int cut) {
        byte[] data = TestFiles.sample("text", 10_000);
        ByteBuffer b = block(data);
        int n = b.position() - 7;
        // a literal run whose length says more than is there
        b.put(7, (byte) 0xf0);
        b.put(8, (byte) 0xff);
        assertNotNull(Lz4BlockCheck.implausible(b, 7, n - cut, data.length));
    }
}
