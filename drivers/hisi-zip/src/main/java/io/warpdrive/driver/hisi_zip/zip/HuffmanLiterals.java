package io.warpdrive.driver.hisi_zip.zip;

import java.nio.ByteBuffer;

/**
 * A zstd Compressed_Literals_Block (RFC 8878 3.1.1.3.1): a Huffman code for the block's
 * literals, its weights stored directly (4 bits each, so for literals up to byte 128, which
 * covers text), and four streams. Built per block in arrays kept by the slot.
 */
final class HuffmanLiterals {
    /** Below this many literals a table costs more than it saves. */
    static final int MIN_LITERALS = 256;
    private static final int MAX_BITS = 11;
    private static final int MAX_DIRECT_SYMBOL = 128;

    private final int[] counts = new int[256];
    private final int[] lengths = new int[256];
    private final int[] codes = new int[256];
    private final int[] order = new int[256];
    private final long[] node = new long[512];
    private final int[] parent = new int[512];
    private final int[] depth = new int[512];
    private final BitWriter bits = new BitWriter();

    /**
     * Writes the literals section at {@code out[p]}; returns the position after it, or -1 when
     * it cannot be coded this way or would not end before {@code limit}.
     */
    int write(ByteBuffer area, int lits, int litNum, byte[] out, int p, int limit) {
        if (litNum < MIN_LITERALS) {
            return -1;
        }
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < litNum; i++) {
            counts[area.get(lits + i) & 0xff]++;
        }
        int maxSymbol = 255;
        while (counts[maxSymbol] == 0) {
            maxSymbol--;
        }
        if (maxSymbol > MAX_DIRECT_SYMBOL || maxSymbol == 0 || !codeLengths(maxSymbol)) {
            return -1;
        }
        int maxBits = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            maxBits = Math.max(maxBits, lengths[s]);
        }
        assignCodes(maxSymbol, maxBits);
        int headerSize = litNum < 1024 ? 3 : litNum < 16384 ? 4 : 5;
        int start = p + headerSize;
        int q = start;
        // tree description: direct weights of symbols 0 .. maxSymbol-1 (the last one is implied)
        if (q + 1 + (maxSymbol + 1) / 2 >= limit) {
            return -1;
        }
        out[q++] = (byte) (127 + maxSymbol);
        for (int s = 0; s < maxSymbol; s += 2) {
            int hi = weight(s, maxBits);
            int lo = s + 1 < maxSymbol ? weight(s + 1, maxBits) : 0;
            out[q++] = (byte) (hi << 4 | lo);
        }
        // four streams behind a jump table of the first three sizes
        int jump = q;
        q += 6;
        int segment = (litNum + 3) / 4;
        for (int k = 0; k < 4; k++) {
            int from = lits + k * segment;
            int n = k < 3 ? segment : litNum - 3 * segment;
            if (q >= limit) {
                return -1;
            }
            bits.start(out, q, limit);
            for (int i = n - 1; i >= 0; i--) {
                int s = area.get(from + i) & 0xff;
                bits.add(codes[s], lengths[s]);
            }
            int end = bits.close();
            if (bits.overflowed()) {
                return -1;
            }
            if (k < 3) {
                int size = end - q;
                if (size > 0xffff) {
                    return -1;
                }
                out[jump + 2 * k] = (byte) size;
                out[jump + 2 * k + 1] = (byte) (size >>> 8);
            }
            q = end;
        }
        int compressed = q - start;
        int format = headerSize == 3 ? 1 : headerSize == 4 ? 2 : 3;
        int sizeBits = headerSize == 3 ? 10 : headerSize == 4 ? 14 : 18;
        if (compressed >= 1 << sizeBits) {
            return -1;
        }
        long header = 2 | format << 2 | (long) litNum << 4 | (long) compressed << (4 + sizeBits);
        for (int i = 0; i < headerSize; i++) {
            out[p + i] = (byte) (header >>> (8 * i));
        }
        return q;
    }

    private int weight(int symbol, int maxBits) {
        return lengths[symbol] == 0 ? 0 : maxBits + 1 - lengths[symbol];
    }

    /** Huffman code lengths of the present symbols, at most 11 bits, the code complete. */
    private boolean codeLengths(int maxSymbol) {
        int n = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            lengths[s] = 0;
            if (counts[s] > 0) {
                order[n++] = s;
            }
        }
        if (n < 2) {
            return false;
        }
        // leaves by count, ascending (insertion sort: at most 129 symbols)
        for (int i = 1; i < n; i++) {
            int s = order[i];
            int j = i - 1;
            while (j >= 0 && counts[order[j]] > counts[s]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = s;
        }
        for (int i = 0; i < n; i++) {
            node[i] = counts[order[i]];
        }
        // two queues: leaves 0..n-1, internal nodes n.. in the order they are made
        int leaf = 0;
        int inner = n;
        for (int k = n; k < 2 * n - 1; k++) {
            int a = leaf < n && (inner >= k || node[leaf] <= node[inner]) ? leaf++ : inner++;
            int b = leaf < n && (inner >= k || node[leaf] <= node[inner]) ? leaf++ : inner++;
            node[k] = node[a] + node[b];
            parent[a] = k;
            parent[b] = k;
        }
        int root = 2 * n - 2;
        depth[root] = 0;
        for (int k = root - 1; k >= 0; k--) {
            depth[k] = depth[parent[k]] + 1;
        }
        int full = 1 << MAX_BITS;
        int kraft = 0;
        for (int i = 0; i < n; i++) {
            int len = Math.min(depth[i], MAX_BITS);
            lengths[order[i]] = len;
            kraft += full >> len;
        }
        // clamping made the code over-full: lengthen the longest codes below the limit
        while (kraft > full) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                int s = order[i];
                if (lengths[s] < MAX_BITS && (best < 0 || lengths[s] > lengths[best])) {
                    best = s;
                }
            }
            kraft -= full >> (lengths[best] + 1);
            lengths[best]++;
        }
        // and complete it: shorten a code whose share fits the gap, the rarest first
        while (kraft < full) {
            int gap = full - kraft;
            int best = -1;
            for (int i = 0; i < n; i++) {
                int s = order[i];
                if (lengths[s] > 1 && (full >> lengths[s]) <= gap && (best < 0 || lengths[s] > lengths[best])) {
                    best = s;
                }
            }
            if (best < 0) {
                return false;
            }
            kraft += full >> lengths[best];
            lengths[best]--;
        }
        return true;
    }

    /** Canonical codes as the decoder numbers them: by weight ascending, then by symbol. */
    private void assignCodes(int maxSymbol, int maxBits) {
        int next = 0;
        for (int len = maxBits; len >= 1; len--) {
            for (int s = 0; s <= maxSymbol; s++) {
                if (lengths[s] == len) {
                    codes[s] = next >> (maxBits - len);
                    next += 1 << (maxBits - len);
                }
            }
        }
    }
}
