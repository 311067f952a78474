package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.lib.format.Xxh32;
import io.warpdrive.lib.format.Xxh64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The end of a zstd or LZ4 frame that an engine began and the platform finishes, so that a
 * compression stream whose engine went away stays one valid stream: both formats define a stream
 * as a sequence of frames, so the platform ends the old engine's frame after the last output it
 * delivered (which ends at a flush point: every byte of input taken is in a complete block) and
 * the next engine begins a new frame with the same options.
 *
 * <ul>
 * <li>zstd (RFC 8878): an empty last block (a raw block of size 0 with Last_Block set: the
 * three header bytes {@code 01 00 00}), then, if the frame has the Content_Checksum_flag, the low
 * 32 bits of the XXH64 (seed 0) of the frame's content, little-endian.
 * <li>LZ4 (frame format 1.6): the EndMark {@code 00 00 00 00}, then, if FLG's C.Checksum bit is
 * set, the XXH32 (seed 0) of the frame's content, little-endian. A block checksum flag asks
 * nothing more (every block the engine wrote carries its own; the EndMark has none).
 * </ul>
 *
 * A frame whose header declares its content size cannot be ended early; a stream's frames never
 * declare it ({@link FrameOptions#contentSize()}: their size is not known when the header is
 * written), so every frame this ends is open-ended.
 *
 * <p>The content checksum must cover all of the frame's content, which only the input tells once
 * the engine is gone: so the hash runs over every byte of input as each request succeeds, for a
 * frame with a checksum only. It cannot be computed lazily at the move without keeping all of the
 * frame's input (unbounded: a stream may be one frame of any length); hashing as it goes costs a
 * pass over the input (XXH64 and XXH32 run at several GB/s) and no memory. Not thread-safe: one
 * request of a stream at a time.
 */
final class FrameEnd {
    /** zstd: Last_Block = 1, Block_Type = Raw, Block_Size = 0, as a 3-byte little-endian header. */
    private static final byte[] ZSTD_LAST_EMPTY_BLOCK = {0x01, 0x00, 0x00};
    /** LZ4: the EndMark, a block size word of 0. */
    private static final byte[] LZ4_END_MARK = {0x00, 0x00, 0x00, 0x00};

    private final byte[] endMark;
    /** The content hash of a zstd frame with a checksum; else null. */
    private final Xxh64 xxh64;
    /** The content hash of an LZ4 frame with a checksum; else null. */
    private final Xxh32 xxh32;
    /** Output of the current frame went out (its header at least): there is a frame to end. */
    private boolean open;

    /** Whether the platform ends frames of this algorithm (zstd, LZ4). */
    static boolean serves(Algorithm a) {
        return a == Algorithm.ZSTD || a == Algorithm.LZ4;
    }

    FrameEnd(Algorithm algorithm, FrameOptions frame) {
        boolean zstd = algorithm == Algorithm.ZSTD;
        endMark = zstd ? ZSTD_LAST_EMPTY_BLOCK : LZ4_END_MARK;
        xxh64 = zstd && frame.contentChecksum() ? new Xxh64() : null;
        xxh32 = !zstd && frame.contentChecksum() ? new Xxh32() : null;
    }

    /** Input bytes [from, to) of {@code b} are now in the frame's output; positions untouched. */
    void content(ByteBuffer b, int from, int to) {
        if (xxh64 != null) {
            xxh64.update(b, from, to - from);
        } else if (xxh32 != null) {
            xxh32.update(b, from, to - from);
        }
    }

    /** A request of the frame succeeded with {@code produced} bytes of output; {@code ended}: it ended the frame. */
    void output(long produced, boolean ended) {
        if (ended) {
            startNext();
        } else if (produced > 0) {
            open = true;
        }
    }

    /** An engine's frame is open: moving, the platform must end it ({@link #end}). */
    boolean open() {
        return open;
    }

    /** The bytes that end the open frame; what follows is a new frame's (its content hash starts again). */
    byte[] end() {
        ByteBuffer b = ByteBuffer.allocate(endMark.length + (xxh64 != null || xxh32 != null ? 4 : 0))
                .order(ByteOrder.LITTLE_ENDIAN).put(endMark);
        if (xxh64 != null) {
            b.putInt((int) xxh64.digest()); // the low 32 bits
        } else if (xxh32 != null) {
            b.putInt(xxh32.digest());
        }
        startNext();
        return b.array();
    }

    /** The next frame starts: nothing of it is out yet. */
    void startNext() {
        open = false;
        if (xxh64 != null) {
            xxh64.reset();
        }
        if (xxh32 != null) {
            xxh32.reset();
        }
    }
}
