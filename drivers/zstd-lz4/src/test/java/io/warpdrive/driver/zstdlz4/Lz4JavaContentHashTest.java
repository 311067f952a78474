package io.warpdrive.driver.zstdlz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.warpdrive.lib.format.BufferInput;
import io.warpdrive.lib.format.Lz4FrameDecoder;
import io.warpdrive.lib.format.Lz4FrameWriter;
import io.warpdrive.lib.format.Lz4Sink;
import io.warpdrive.lib.format.Xxh32;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;

/** lz4-java's XXH32 as the frames' content hash: the same hashes as the Java Xxh32, so the same frames. */
class Lz4JavaContentHashTest {

    private static ByteBuffer buffer(byte[] data, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
    }

    @Test
    void hashesAsTheJavaXxh32InOneCallAndInPiecesOnHeapAndDirectBuffers() {
        byte[] data = TestFiles.sample("text", 100_000);
        Lz4JavaContentHash hash = new Lz4JavaContentHash();
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer in = buffer(data, direct);
            // Pieces smaller than, equal to and larger than the array a direct buffer is streamed through.
            for (int piece : new int[] {1, 7, 16, 8192, 8193, 30_000, data.length}) {
                for (int offset : new int[] {0, 3}) {
                    int length = data.length - offset;
                    int expected = Xxh32.hash(in, offset, length, 0);
                    String what = "direct " + direct + ", pieces of " + piece + ", from " + offset;
                    assertEquals(expected, hash.hash(in, offset, length), what);
                    hash.reset();
                    for (int at = offset; at < data.length; at += piece) {
                        hash.update(in, at, Math.min(piece, data.length - at));
                    }
                    assertEquals(expected, hash.digest(), what);
                    assertEquals(0, in.position(), what);
                }
            }
        }
    }

    @Test
    void theDriversFramesCarryLz4JavasHashWhichIsTheJavaXxh32sValue() throws IOException {
        Lz4Blocks blocks = new Lz4Blocks();
        assertInstanceOf(Lz4JavaContentHash.class, blocks.contentHash());
        Lz4FrameWriter driverWriter = new Lz4FrameWriter(blocks);
        Lz4FrameDecoder driverDecoder = new Lz4FrameDecoder(blocks);
        for (int length : new int[] {1, 1_000, 65_536, 65_537, 300_000}) {
            byte[] data = TestFiles.sample("text", length);
            for (boolean direct : new boolean[] {false, true}) {
                for (boolean declareSize : new boolean[] {false, true}) {
                    String what = length + " bytes, direct " + direct + ", size declared " + declareSize;
                    byte[] frame = frame(driverWriter, buffer(data, direct), declareSize);
                    // The hash decides the frame's last four bytes alone: the content checksum.
                    int checksum = ByteBuffer.wrap(frame, frame.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    assertEquals(Xxh32.hash(ByteBuffer.wrap(data), 0, length, 0), checksum, what);
                    try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame))) {
                        assertArrayEquals(data, in.readAllBytes(), what + ", lz4-java");
                    }
                    ByteBuffer out = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                    driverDecoder.reset();
                    driverDecoder.decodeAll(new BufferInput().of(ByteBuffer.wrap(frame)), new WholeSink(out));
                    byte[] back = new byte[length];
                    out.flip().get(back);
                    assertArrayEquals(data, back, what);
                }
            }
        }
    }

    private static byte[] frame(Lz4FrameWriter writer, ByteBuffer src, boolean declareSize) {
        int length = src.remaining();
        writer.start(4, true, true, declareSize ? length : -1);
        ByteBuffer out = ByteBuffer.allocate((int) writer.frameBound(length));
        writer.writeHeader(out);
        for (int at = 0; at < length; at += writer.blockMaxSize()) {
            writer.writeBlock(src, at, Math.min(writer.blockMaxSize(), length - at), out);
        }
        writer.writeEnd(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** All of one buffer as the room, no limit beyond it. */
    private record WholeSink(ByteBuffer out) implements Lz4Sink {
        @Override
        public long allowance() {
            return out.remaining();
        }

        @Override
        public ByteBuffer direct(int most) {
            return out.remaining() >= most ? out : null;
        }

        @Override
        public void advance(int n) {
            out.position(out.position() + n);
        }

        @Override
        public boolean write(ByteBuffer decoded) {
            int n = Math.min(out.remaining(), decoded.remaining());
            out.put(decoded.slice(decoded.position(), n));
            decoded.position(decoded.position() + n);
            return !decoded.hasRemaining();
        }
    }
}
