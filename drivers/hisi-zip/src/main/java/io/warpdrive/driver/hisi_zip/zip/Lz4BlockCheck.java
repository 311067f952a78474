package io.warpdrive.driver.hisi_zip.zip;

import java.nio.ByteBuffer;

/**
 * Checks an LZ4 block the device wrote before it goes into a frame: walking its sequences
 * (no decompression) it must describe exactly the input, every offset within what precedes
 * it, and keep the format's end rules (the last 5 bytes literals, the last match starting at
 * least 12 bytes before the end). A device that fails this is a device error, never a
 * corrupt frame.
 */
final class Lz4BlockCheck {
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;
    private static final int MATCH_START_MARGIN = 12;

    private Lz4BlockCheck() {
    }

    /**
     * Why the {@code length} bytes at {@code at} in {@code block} are not an LZ4 block of
     * {@code expected} bytes of content; null when they are.
     */
    static String implausible(ByteBuffer block, int at, int length, int expected) {
        int p = at;
        int end = at + length;
        long out = 0;
        while (true) {
            if (p >= end) {
                return "the block ends inside a sequence at byte " + (p - at);
            }
            int token = block.get(p++) & 0xff;
            long literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (p >= end) {
                        return "a literal length runs past the block's end";
                    }
                    b = block.get(p++) & 0xff;
                    literals += b;
                } while (b == 255);
            }
            if (literals > end - p) {
                return literals + " literals at byte " + (p - at) + " run past the block's end";
            }
            p += (int) literals;
            out += literals;
            if (p == end) {
                break;
            }
            if (end - p < 2) {
                return "a match offset runs past the block's end";
            }
            int offset = (block.get(p) & 0xff) | (block.get(p + 1) & 0xff) << 8;
            p += 2;
            if (offset == 0 || offset > out) {
                return "offset " + offset + " at content byte " + out + " reaches before the start";
            }
            long match = token & 15;
            if (match == 15) {
                int b;
                do {
                    if (p >= end) {
                        return "a match length runs past the block's end";
                    }
                    b = block.get(p++) & 0xff;
                    match += b;
                } while (b == 255);
            }
            if (out > expected - MATCH_START_MARGIN) {
                return "a match starts at content byte " + out + ", within 12 bytes of the end " + expected;
            }
            out += match + MIN_MATCH;
            if (out > expected - LAST_LITERALS) {
                return "a match ends at content byte " + out + ", within the last 5 bytes of " + expected;
            }
        }
        return out == expected ? null : "the block holds " + out + " bytes of content, the input " + expected;
    }
}
