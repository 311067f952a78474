package io.warpdrive.lib.format;

import java.nio.ByteBuffer;

/**
 * Decodes one LZ4 block whose matches may reach back into the blocks before it (a frame
 * without the block independence flag). The libraries' block decoders see only their own
 * block, so these blocks are decoded here, into a window that keeps the history.
 */
final class Lz4LinkedBlocks {
    private static final int MIN_MATCH = 4;

    private Lz4LinkedBlocks() {
    }

    /**
     * Decodes {@code length} bytes of {@code src} from absolute {@code offset} into
     * {@code window} from {@code start}, with {@code window[0, start)} as the history.
     *
     * @param end where the block's output must stop (its start plus the block maximum)
     * @return the end of the decoded data in {@code window}
     * @throws io.warpdrive.comp.WdException CORRUPT_INPUT for a malformed block
     */
    static int decode(ByteBuffer src, int offset, int length, byte[] window, int start, int end) {
        int in = offset;
        int inEnd = offset + length;
        int out = start;
        for (;;) {
            if (in >= inEnd) {
                throw Failures.corrupt("an LZ4 block ends before its last sequence");
            }
            int token = src.get(in++) & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (in >= inEnd) {
                        throw Failures.corrupt("an LZ4 block ends inside a literal length");
                    }
                    b = src.get(in++) & 0xff;
                    literals += b;
                } while (b == 255);
            }
            if (literals > inEnd - in || literals > end - out) {
                throw Failures.corrupt("an LZ4 block's literals run past " + (literals > inEnd - in
                        ? "the block's end" : "the block maximum size"));
            }
            src.get(in, window, out, literals);
            in += literals;
            out += literals;
            if (in == inEnd) {
                return out;
            }
            if (inEnd - in < 2) {
                throw Failures.corrupt("an LZ4 block ends inside a match offset");
            }
            int distance = (src.get(in) & 0xff) | (src.get(in + 1) & 0xff) << 8;
            in += 2;
            if (distance == 0 || distance > out) {
                throw Failures.corrupt("an LZ4 match reaches " + distance + " bytes back where "
                        + out + " bytes are decoded");
            }
            int match = (token & 15) + MIN_MATCH;
            if ((token & 15) == 15) {
                int b;
                do {
                    if (in >= inEnd) {
                        throw Failures.corrupt("an LZ4 block ends inside a match length");
                    }
                    b = src.get(in++) & 0xff;
                    match += b;
                } while (b == 255);
            }
            if (match > end - out) {
                throw Failures.corrupt("an LZ4 match runs past the block maximum size");
            }
            int from = out - distance;
            if (distance >= match) {
                System.arraycopy(window, from, window, out, match);
                out += match;
            } else {
                // An overlapping match repeats the last `distance` bytes.
                for (int i = 0; i < match; i++) {
                    window[out++] = window[from + i];
                }
            }
        }
    }
}
