package io.warpdrive.shell.bench;

import io.warpdrive.comp.Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4's baseline: lz4-java called directly for the work the platform's frame needs. Compression
 * is one call of its block compressor per packet (the fast compressor for levels 1 and 2, HC at
 * levels 3 to 12, as the platform maps them) and one of its XXH32 over the packet (the frame's
 * content checksum, which the platform writes as the {@code lz4} tool does): the same work done
 * with no engine, queue or frame code around it. lz4-java has no frame reader on buffers, so
 * decompression reads each packet's frame through its {@code LZ4FrameInputStream}.
 */
final class Lz4Baseline implements Baseline {
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private final Operation operation;
    private final LZ4Compressor compressor;
    private final XXHash32 contentChecksum = XXHashFactory.fastestInstance().hash32();
    /** Keeps the checksums computed, so that the JIT cannot drop the work. */
    private int checksums;
    private byte[] packet = new byte[0];
    private final byte[] chunk = new byte[64 * 1024];

    Lz4Baseline(Operation operation, int level) {
        this.operation = operation;
        this.compressor = compressor(level);
    }

    private static LZ4Compressor compressor(int level) {
        return level <= 2 ? FACTORY.fastCompressor() : FACTORY.highCompressor(level);
    }

    @Override
    public int run(ByteBuffer in, ByteBuffer out) throws IOException {
        if (operation == Operation.COMPRESS) {
            int n = compressor.compress(in, in.position(), in.remaining(), out, out.position(), out.remaining());
            checksums += contentChecksum.hash(in, in.position(), in.remaining(), 0);
            in.position(in.limit());
            out.position(out.position() + n);
            return n;
        }
        if (packet.length < in.remaining()) {
            packet = new byte[in.remaining()];
        }
        int length = in.remaining();
        in.get(packet, 0, length);
        int total = 0;
        try (InputStream frames = new LZ4FrameInputStream(new ByteArrayInputStream(packet, 0, length))) {
            for (int n; (n = frames.read(chunk)) > 0; total += n) {
                out.put(chunk, 0, n);
            }
        }
        return total;
    }

    /** A frame as the platform writes it: independent 64 KiB blocks, the content size and a content checksum. */
    static byte[] compress(int level, byte[] data) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(frame, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                data.length, compressor(level), XXHashFactory.fastestInstance().hash32(),
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame.toByteArray();
    }

    @Override
    public void close() {
        // nothing native to free: lz4-java's compressors keep no state
    }
}
