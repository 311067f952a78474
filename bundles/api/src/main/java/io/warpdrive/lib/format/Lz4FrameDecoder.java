package io.warpdrive.lib.format;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/**
 * Reads LZ4 frames: any number of them, concatenated, with skippable frames among them;
 * independent or linked blocks, blocks stored uncompressed, with or without block and
 * content checksums and a declared content size. Every check is made here, once for every
 * driver: a bad magic, descriptor, header checksum or block CORRUPT_INPUT, a block or
 * content checksum that differs CHECKSUM_MISMATCH, a content size that differs from what
 * the blocks decode to CORRUPT_INPUT, a frame that needs a dictionary or the legacy format
 * UNSUPPORTED, input that ends inside a frame TRUNCATED_INPUT; the {@link Lz4Sink} reports
 * the output limit, and a stateless call refuses a declared content size beyond it before
 * decoding anything.
 *
 * <p>Input may come in pieces of any size: the header fields and a block split across
 * buffers or calls are gathered here (a block into a buffer of the frame's block maximum,
 * allocated once per decoder and size). A block whole in the input is decoded from it in
 * place, and an independent block goes straight into the destination when the sink offers
 * room for a whole block; otherwise it is decoded into a window and copied out, which keeps
 * the 64 KiB history linked blocks need. Not thread-safe; one per worker or stream.
 *
 * @since 1.2
 */
public final class Lz4FrameDecoder {
    /** Why {@link #decode} returned. */
    public enum Stop {
        /** The input is consumed and ended at the end of a frame. */
        ENDED,
        /** The input is consumed inside a frame (or before the first). */
        INPUT_EXHAUSTED,
        /** The destination is full and decoded bytes are waiting. */
        OUTPUT_FULL
    }

    private enum Phase { MAGIC, DESCRIPTOR, BLOCK_SIZE, BLOCK_DATA, CONTENT_CHECKSUM, SKIP_SIZE, SKIP_DATA }

    private final Lz4BlockEngine engine;
    private final ContentChecksum content;
    private final byte[] field = new byte[Lz4Format.MAX_HEADER_SIZE];
    private final ByteBuffer fieldView = ByteBuffer.wrap(field);
    private int fieldFill;
    private Phase phase;
    /** True at the end of a frame (or skippable frame) until the next magic begins. */
    private boolean between;
    private int frames;
    private long blocks;

    private boolean independent;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private long contentSize;
    private int blockMax;
    private long frameOutput;

    private int blockSize;
    private boolean stored;
    private long skipLeft;

    private byte[] staged = new byte[0];
    private ByteBuffer stagedView = ByteBuffer.wrap(staged);
    private int stagedFill;
    private byte[] window = new byte[0];
    private ByteBuffer windowView = ByteBuffer.wrap(window);
    /** The bytes of {@link #window} decoded and not yet written out, as position and limit. */
    private ByteBuffer pending = windowView.duplicate();
    private boolean hasPending;
    private int windowEnd;

    public Lz4FrameDecoder(Lz4BlockEngine engine) {
        this.engine = engine;
        this.content = new ContentChecksum(engine.contentHash());
        reset();
    }

    /** Forgets everything read so far: the next byte starts a new input. */
    public void reset() {
        phase = Phase.MAGIC;
        fieldFill = 0;
        between = false;
        frames = 0;
        hasPending = false;
    }

    /**
     * Stateless decompression: {@code in} is all the input there is and {@code out} all the
     * room.
     *
     * @throws WdException OUTPUT_TOO_SMALL when the data goes on past the destination, and
     *         as {@link #decode} otherwise
     */
    public void decodeAll(FramedInput in, Lz4Sink out) {
        if (run(in, out, true, true) == Stop.OUTPUT_FULL) {
            throw new WdException(WdStatus.OUTPUT_TOO_SMALL, "the destination is too small for the decompressed"
                    + " data of " + where());
        }
    }

    /**
     * Decodes what {@code in} holds into {@code out}.
     *
     * @param lastInput no more input will come: input that ends inside a frame is truncated
     * @throws WdException CORRUPT_INPUT, TRUNCATED_INPUT, CHECKSUM_MISMATCH, UNSUPPORTED or
     *         the sink's OUTPUT_LIMIT_EXCEEDED
     */
    public Stop decode(FramedInput in, Lz4Sink out, boolean lastInput) {
        return run(in, out, lastInput, false);
    }

    private Stop run(FramedInput in, Lz4Sink out, boolean lastInput, boolean whole) {
        for (;;) {
            if (hasPending) {
                if (!out.write(pending)) {
                    return Stop.OUTPUT_FULL;
                }
                hasPending = false;
            }
            switch (phase) {
                case MAGIC:
                    if (!fill(in, 4)) {
                        return inputEnded(lastInput);
                    }
                    magic(littleEndian(0));
                    break;
                case DESCRIPTOR:
                    if (!descriptor(in, out, whole)) {
                        return inputEnded(lastInput);
                    }
                    break;
                case BLOCK_SIZE:
                    if (!fill(in, 4)) {
                        return inputEnded(lastInput);
                    }
                    blockSize(littleEndian(0));
                    break;
                case BLOCK_DATA:
                    if (!block(in, out)) {
                        return inputEnded(lastInput);
                    }
                    break;
                case CONTENT_CHECKSUM:
                    if (!fill(in, 4)) {
                        return inputEnded(lastInput);
                    }
                    int expected = littleEndian(0);
                    int actual = content.value();
                    if (expected != actual) {
                        throw new WdException(WdStatus.CHECKSUM_MISMATCH, "the content checksum of " + where()
                                + " is " + Failures.hex32(expected) + ", its content hashes to "
                                + Failures.hex32(actual));
                    }
                    frameEnded(true);
                    break;
                case SKIP_SIZE:
                    if (!fill(in, 4)) {
                        return inputEnded(lastInput);
                    }
                    skipLeft = littleEndian(0) & 0xffffffffL;
                    fieldFill = 0;
                    phase = Phase.SKIP_DATA;
                    break;
                case SKIP_DATA:
                    for (ByteBuffer cur; skipLeft > 0 && (cur = in.current()) != null;) {
                        int n = (int) Math.min(cur.remaining(), skipLeft);
                        cur.position(cur.position() + n);
                        skipLeft -= n;
                    }
                    if (skipLeft > 0) {
                        return inputEnded(lastInput);
                    }
                    frameEnded(false);
                    break;
                default:
                    throw new IllegalStateException("unknown phase " + phase);
            }
        }
    }

    private void magic(int value) {
        fieldFill = 0;
        between = false;
        if (value == Lz4Format.MAGIC) {
            phase = Phase.DESCRIPTOR;
        } else if ((value & 0xfffffff0) == Lz4Format.SKIPPABLE_MAGIC) {
            phase = Phase.SKIP_SIZE;
        } else if (value == Lz4Format.LEGACY_MAGIC) {
            throw Failures.unsupported("the legacy LZ4 format (lz4 -l) is not read; only the LZ4 frame format");
        } else {
            throw Failures.corrupt((frames == 0 ? "not an LZ4 frame: " : "the bytes after LZ4 frame " + frames
                    + " are not another frame: ") + "magic number " + Failures.hex32(value));
        }
    }

    private boolean descriptor(FramedInput in, Lz4Sink out, boolean whole) {
        if (!fill(in, 2)) {
            return false;
        }
        int flg = field[0] & 0xff;
        int bd = field[1] & 0xff;
        if ((flg & Lz4Format.FLG_VERSION_MASK) != Lz4Format.FLG_VERSION) {
            throw Failures.unsupported("LZ4 frame " + (frames + 1) + " has version " + (flg >>> 6)
                    + "; only version 1 is defined");
        }
        if ((flg & Lz4Format.FLG_RESERVED) != 0 || (bd & Lz4Format.BD_RESERVED) != 0) {
            throw Failures.corrupt("reserved bits set in the descriptor of LZ4 frame " + (frames + 1) + " (FLG "
                    + Failures.hex8(flg) + ", BD " + Failures.hex8(bd) + ")");
        }
        int code = bd >>> Lz4Format.BD_SIZE_SHIFT;
        if (code < 4) {
            throw Failures.corrupt("LZ4 frame " + (frames + 1) + " names block maximum size code " + code
                    + "; codes 4 to 7 are defined");
        }
        boolean hasSize = (flg & Lz4Format.FLG_CONTENT_SIZE) != 0;
        boolean hasDictionary = (flg & Lz4Format.FLG_DICTIONARY_ID) != 0;
        int length = 2 + (hasSize ? 8 : 0) + (hasDictionary ? 4 : 0);
        if (!fill(in, length + 1)) {
            return false;
        }
        int checksum = Lz4Format.headerChecksum(fieldView, 0, length);
        if ((field[length] & 0xff) != checksum) {
            throw Failures.mismatch("the header checksum of LZ4 frame " + (frames + 1) + " is "
                    + Failures.hex8(field[length]) + ", its descriptor hashes to " + Failures.hex8(checksum));
        }
        if (hasDictionary) {
            throw Failures.unsupported("LZ4 frame " + (frames + 1) + " needs dictionary " + Failures.hex32(
                    littleEndian(hasSize ? 10 : 2)) + "; frames are decompressed without dictionaries here");
        }
        independent = (flg & Lz4Format.FLG_BLOCK_INDEPENDENCE) != 0;
        blockChecksum = (flg & Lz4Format.FLG_BLOCK_CHECKSUM) != 0;
        contentChecksum = (flg & Lz4Format.FLG_CONTENT_CHECKSUM) != 0;
        contentSize = hasSize ? (littleEndian(2) & 0xffffffffL) | (long) littleEndian(6) << 32 : -1;
        if (hasSize && contentSize < 0) {
            throw Failures.corrupt("LZ4 frame " + (frames + 1) + " declares a content size beyond 2^63 bytes");
        }
        if (whole && contentSize > out.allowance()) {
            throw new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, "LZ4 frame " + (frames + 1) + " declares "
                    + contentSize + " bytes of content, more than the output limit allows (" + out.allowance() + ")");
        }
        blockMax = Lz4Format.blockMaxSize(code);
        ensureBuffers();
        content.start(contentSize);
        frameOutput = 0;
        blocks = 0;
        windowEnd = 0;
        fieldFill = 0;
        phase = Phase.BLOCK_SIZE;
        return true;
    }

    private void ensureBuffers() {
        int record = blockMax + 4;
        if (staged.length < record) {
            staged = new byte[record];
            stagedView = ByteBuffer.wrap(staged);
        }
        int room = Lz4Format.HISTORY + blockMax;
        if (window.length < room) {
            window = new byte[room];
            windowView = ByteBuffer.wrap(window);
            pending = windowView.duplicate();
        }
    }

    private void blockSize(int value) {
        fieldFill = 0;
        // A size of 0 ends the frame whatever the stored bit says: the reference decoders (liblz4's
        // lz4frame.c, lz4-java) mask that bit off before they look for the end mark, so 0x80000000
        // ends a frame for them, and a frame they read must read here too.
        if ((value & ~Lz4Format.BLOCK_STORED) == 0) {
            if (contentSize >= 0 && frameOutput != contentSize) {
                throw Failures.corrupt("LZ4 frame " + (frames + 1) + " declares " + contentSize
                        + " bytes of content and its blocks decode to " + frameOutput);
            }
            if (contentChecksum) {
                phase = Phase.CONTENT_CHECKSUM;
            } else {
                frameEnded(true);
            }
            return;
        }
        stored = (value & Lz4Format.BLOCK_STORED) != 0;
        blockSize = value & ~Lz4Format.BLOCK_STORED;
        if (blockSize > blockMax) {
            throw Failures.corrupt("block " + (blocks + 1) + " of " + where() + " has " + blockSize
                    + " bytes, more than the frame's block maximum of " + blockMax);
        }
        stagedFill = 0;
        phase = Phase.BLOCK_DATA;
    }

    /** Gathers a block (and its checksum), checks and decodes it; false when the input ran out first. */
    private boolean block(FramedInput in, Lz4Sink out) {
        int record = blockSize + (blockChecksum ? 4 : 0);
        ByteBuffer src;
        int offset;
        ByteBuffer cur = in.current();
        if (stagedFill == 0 && cur != null && cur.remaining() >= record) {
            src = cur;
            offset = cur.position();
            cur.position(offset + record);
        } else {
            while (stagedFill < record) {
                cur = in.current();
                if (cur == null) {
                    return false;
                }
                int n = Math.min(cur.remaining(), record - stagedFill);
                cur.get(staged, stagedFill, n);
                stagedFill += n;
            }
            src = stagedView;
            offset = 0;
        }
        blocks++;
        if (blockChecksum) {
            int expected = src.get(offset + blockSize) & 0xff | (src.get(offset + blockSize + 1) & 0xff) << 8
                    | (src.get(offset + blockSize + 2) & 0xff) << 16 | (src.get(offset + blockSize + 3) & 0xff) << 24;
            int actual = Xxh32.hash(src, offset, blockSize, 0);
            if (expected != actual) {
                throw Failures.mismatch("the checksum of block " + blocks + " of " + where() + " is "
                        + Failures.hex32(expected) + ", the block hashes to " + Failures.hex32(actual));
            }
        }
        int produced = independent ? independentBlock(src, offset, out) : linkedBlock(src, offset);
        frameOutput += produced;
        if (contentSize >= 0 && frameOutput > contentSize) {
            throw Failures.corrupt("the blocks of LZ4 frame " + (frames + 1) + " decode to more than its declared "
                    + contentSize + " bytes of content");
        }
        phase = Phase.BLOCK_SIZE;
        return true;
    }

    private int independentBlock(ByteBuffer src, int offset, Lz4Sink out) {
        // The last block of a frame with a content size needs no more room than what is left of it.
        int most = contentSize >= 0 ? (int) Math.min(blockMax, contentSize - frameOutput) : blockMax;
        ByteBuffer direct = out.direct(stored ? blockSize : most);
        ByteBuffer dst = direct != null ? direct : windowView;
        int at = direct != null ? direct.position() : 0;
        int n = stored ? copy(src, offset, dst, at) : decompress(src, offset, dst, at, direct != null ? most : blockMax);
        if (contentChecksum) {
            content.add(dst, at, n);
        }
        if (direct != null) {
            out.advance(n);
        } else {
            stage(0, n);
        }
        return n;
    }

    private int linkedBlock(ByteBuffer src, int offset) {
        if (windowEnd + blockMax > window.length) {
            // Keep the last 64 KiB, all a match may reach.
            System.arraycopy(window, windowEnd - Lz4Format.HISTORY, window, 0, Lz4Format.HISTORY);
            windowEnd = Lz4Format.HISTORY;
        }
        int start = windowEnd;
        int end = stored ? start + copy(src, offset, windowView, start)
                : Lz4LinkedBlocks.decode(src, offset, blockSize, window, start, start + blockMax);
        int n = end - start;
        if (contentChecksum) {
            content.add(windowView, start, n);
        }
        windowEnd = end;
        stage(start, end);
        return n;
    }

    private int copy(ByteBuffer src, int offset, ByteBuffer dst, int at) {
        dst.put(at, src, offset, blockSize);
        return blockSize;
    }

    private int decompress(ByteBuffer src, int offset, ByteBuffer dst, int at, int room) {
        try {
            return engine.decompress(src, offset, blockSize, dst, at, room);
        } catch (WdException e) {
            throw new WdException(e.status(), "block " + blocks + " of " + where() + ": " + e.detail(), e);
        }
    }

    private void stage(int from, int to) {
        pending.limit(to).position(from);
        hasPending = from < to;
    }

    private void frameEnded(boolean frame) {
        if (frame) {
            frames++;
        }
        fieldFill = 0;
        between = true;
        phase = Phase.MAGIC;
    }

    private Stop inputEnded(boolean lastInput) {
        if (phase == Phase.MAGIC && fieldFill == 0) {
            if (between) {
                return Stop.ENDED;
            }
            if (lastInput) {
                throw Failures.truncated("no LZ4 frame in an empty input");
            }
            return Stop.INPUT_EXHAUSTED;
        }
        if (lastInput) {
            throw Failures.truncated("the input ends inside " + (phase == Phase.SKIP_SIZE
                    || phase == Phase.SKIP_DATA ? "a skippable frame" : where()) + " after "
                    + frameOutput + " decompressed bytes");
        }
        return Stop.INPUT_EXHAUSTED;
    }

    /** Takes bytes into {@link #field} until it holds {@code need}; false when the input ran out first. */
    private boolean fill(FramedInput in, int need) {
        while (fieldFill < need) {
            ByteBuffer cur = in.current();
            if (cur == null) {
                return false;
            }
            int n = Math.min(cur.remaining(), need - fieldFill);
            cur.get(field, fieldFill, n);
            fieldFill += n;
        }
        return true;
    }

    private int littleEndian(int offset) {
        return (field[offset] & 0xff) | (field[offset + 1] & 0xff) << 8 | (field[offset + 2] & 0xff) << 16
                | (field[offset + 3] & 0xff) << 24;
    }

    /** "LZ4 frame 2", for messages. */
    public String where() {
        return "LZ4 frame " + (frames + 1);
    }

    /** True when the input read so far ended at the end of a frame. */
    public boolean isEnded() {
        return between && phase == Phase.MAGIC && fieldFill == 0;
    }
}
