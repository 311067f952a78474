package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/**
 * Moves a job's bytes through zstd's streaming calls, which take direct buffers only: a direct
 * source segment is read in place, a heap one through an input stage; output goes to an output
 * stage and from there to the destination list, and what does not fit stays pending for the
 * next call (a stream's next job). Both stages are allocated once, so a steady state allocates
 * nothing. One pipe per codec or stream; not thread-safe.
 */
final class ZstdPipe {
    /** zstd's own block size: a stage this large lets every call make a whole block's progress. */
    static final int STAGE = 128 * 1024;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocateDirect(0);

    private final ByteBuffer in = ByteBuffer.allocateDirect(STAGE);
    /** Pending output between position and limit ("read mode"). */
    private final ByteBuffer out = ByteBuffer.allocateDirect(STAGE);
    /** Decompression: the last call ended a frame, so the input so far is whole frames. */
    private boolean atFrameEnd;

    ZstdPipe() {
        reset();
    }

    /** Drops pending output and frame progress: the pipe starts a new stream. */
    void reset() {
        out.clear().limit(0);
        atFrameEnd = false;
    }

    boolean hasPending() {
        return out.hasRemaining();
    }

    /**
     * Compresses the source with zstd's end directive {@code end} for its last bytes.
     *
     * @return true when done: all input consumed and, for FLUSH and END, all of it written
     *         out; false when the destination filled up first (output stays pending)
     */
    boolean compress(ZstdCompressCtx ctx, SgList src, SgOutput output, EndDirective end) {
        if (!output.write(out)) {
            return false;
        }
        while (true) {
            ByteBuffer segment = src.firstRemaining();
            boolean empty = segment == null || !segment.hasRemaining();
            if (empty && end == EndDirective.CONTINUE) {
                return true;
            }
            ByteBuffer input = empty ? NO_INPUT : staged(segment);
            boolean lastChunk = empty || src.remaining() == input.remaining();
            EndDirective directive = lastChunk ? end : EndDirective.CONTINUE;
            out.clear();
            boolean done;
            try {
                done = ctx.compressDirectByteBufferStream(out, input, directive);
            } catch (ZstdException e) {
                throw ZstdFailures.of(e, false);
            } finally {
                out.flip();
                consumed(segment, input);
            }
            if (!output.write(out)) {
                return false;
            }
            if (lastChunk && directive != EndDirective.CONTINUE && done && !src.hasRemaining()) {
                return true;
            }
        }
    }

    /**
     * Decompresses whatever frames the source holds (skippable frames skipped, checksums
     * verified), as far as the destination takes.
     *
     * @param lastInput no more input will follow: a frame that has not ended is truncated
     * @return true when the input consumed ends exactly at the end of a frame and nothing is pending
     * @throws WdException TRUNCATED_INPUT when {@code lastInput} and a frame has not ended;
     *         the statuses of {@link ZstdFailures}
     */
    boolean decompress(ZstdDecompressCtx ctx, SgList src, SgOutput output, boolean lastInput) {
        if (!output.write(out)) {
            return false;
        }
        boolean moreInside = false; // the last call filled the stage: zstd may hold more decoded bytes
        while (true) {
            ByteBuffer segment = src.firstRemaining();
            boolean empty = segment == null || !segment.hasRemaining();
            if (empty && !moreInside) {
                break;
            }
            ByteBuffer input = empty ? NO_INPUT : staged(segment);
            out.clear();
            try {
                boolean ended = ctx.decompressDirectByteBufferStream(out, input);
                // A call only to drain what zstd holds, after a frame ended with the stage exactly
                // full, gets nothing and a hint for the next frame's header: the frame still ended.
                if (input != NO_INPUT || out.position() > 0) {
                    atFrameEnd = ended;
                }
            } catch (ZstdException e) {
                throw ZstdFailures.of(e, false);
            } finally {
                out.flip();
                consumed(segment, input);
            }
            moreInside = out.limit() == out.capacity();
            if (!output.write(out)) {
                return false;
            }
        }
        if (atFrameEnd) {
            return true;
        }
        if (lastInput) {
            throw new WdException(WdStatus.TRUNCATED_INPUT, "the zstd input ends inside a frame");
        }
        return false;
    }

    /** The segment itself when direct; else as much of it as fits, copied into the input stage. */
    private ByteBuffer staged(ByteBuffer segment) {
        if (segment.isDirect()) {
            return segment;
        }
        in.clear();
        int n = Math.min(segment.remaining(), in.capacity());
        in.put(in.position(), segment, segment.position(), n);
        in.limit(n);
        return in;
    }

    /** Advances a heap segment by what zstd took from its copy in the input stage. */
    private void consumed(ByteBuffer segment, ByteBuffer input) {
        if (input == in) {
            segment.position(segment.position() + in.position());
        }
    }
}
