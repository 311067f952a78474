package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.lib.format.Lz4FrameWriter;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;

/** lz4-java's blocks in frames: incompressible blocks among compressible ones, at every level kind. */
class Lz4BlocksTest {
    private static final int BLOCK = 64 * 1024;

    @Test
    void incompressibleBlocksAreStoredAndTheBlocksAfterThemCompressedAgain() throws IOException {
        byte[] noise = new byte[BLOCK];
        new Random(1).nextBytes(noise);
        byte[] text = TestFiles.sample("text", BLOCK);
        byte[][] blocks = {noise, noise, text, noise, text, text};
        for (int level : new int[] {1, 9}) {
            Lz4Blocks engine = new Lz4Blocks();
            engine.level(level);
            Lz4FrameWriter writer = new Lz4FrameWriter(engine);
            writer.start(4, true, true, -1);
            ByteBuffer out = ByteBuffer.allocateDirect((int) writer.frameBound((long) blocks.length * BLOCK));
            writer.writeHeader(out);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int stored = 0;
            for (byte[] b : blocks) {
                int at = out.position();
                writer.writeBlock(ByteBuffer.wrap(b), 0, b.length, out);
                stored += (out.get(at + 3) & 0x80) != 0 ? 1 : 0;
                expected.writeBytes(b);
            }
            writer.writeEnd(out);
            assertEquals(3, stored, "the noise blocks are stored, the text blocks compressed, level " + level);
            byte[] frame = new byte[out.flip().remaining()];
            out.get(frame);
            try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame))) {
                assertArrayEquals(expected.toByteArray(), in.readAllBytes(), "level " + level);
            }
        }
    }
}
