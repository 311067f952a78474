package io.warpdrive.driver.hisi_zip.zip;

/**
 * An FSE encoding table built from one of zstd's predefined distributions (RFC 8878,
 * section 3.1.1.3.2.2), so sequences are entropy-coded without describing a table in the
 * block ("Predefined_Mode"). The table is spread and numbered exactly as the format's
 * decoder builds its own, so both walk the same states.
 */
final class FseTable {
    /** Literal-length codes 0..35, accuracy log 6. */
    static final FseTable LITERAL_LENGTHS = new FseTable(6, new int[] {
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1});
    /** Match-length codes 0..52, accuracy log 6. */
    static final FseTable MATCH_LENGTHS = new FseTable(6, new int[] {
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1});
    /** Offset codes 0..28, accuracy log 5. */
    static final FseTable OFFSETS = new FseTable(5, new int[] {
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1});

    final int tableLog;
    /** Next state (tableSize + position) by cumulative index. */
    private final int[] next;
    /** Per symbol: how many bits a state of it emits, pre-shifted as zstd's encoder keeps it. */
    private final int[] deltaBits;
    /** Per symbol: where its states start in {@link #next}, relative to the state's upper bits. */
    private final int[] deltaState;

    private FseTable(int tableLog, int[] counts) {
        this.tableLog = tableLog;
        int size = 1 << tableLog;
        int symbols = counts.length;
        int[] spread = new int[size];
        int[] cumul = new int[symbols + 1];
        int high = size - 1;
        // low-probability (-1) symbols take the last cells, one each
        for (int s = 0; s < symbols; s++) {
            if (counts[s] == -1) {
                cumul[s + 1] = cumul[s] + 1;
                spread[high--] = s;
            } else {
                cumul[s + 1] = cumul[s] + counts[s];
            }
        }
        int step = (size >> 1) + (size >> 3) + 3;
        int position = 0;
        for (int s = 0; s < symbols; s++) {
            for (int i = 0; i < counts[s]; i++) {
                spread[position] = s;
                do {
                    position = (position + step) & (size - 1);
                } while (position > high);
            }
        }
        next = new int[size];
        int[] at = cumul.clone();
        for (int u = 0; u < size; u++) {
            next[at[spread[u]]++] = size + u;
        }
        deltaBits = new int[symbols];
        deltaState = new int[symbols];
        int total = 0;
        for (int s = 0; s < symbols; s++) {
            int n = counts[s];
            if (n == -1 || n == 1) {
                deltaBits[s] = (tableLog << 16) - size;
                deltaState[s] = total - 1;
                total++;
            } else {
                int maxBitsOut = tableLog - (31 - Integer.numberOfLeadingZeros(n - 1));
                deltaBits[s] = (maxBitsOut << 16) - (n << maxBitsOut);
                deltaState[s] = total - n;
                total += n;
            }
        }
    }

    /** The first state for the last symbol of a block (the decoder reads it first). */
    int initialState(int symbol) {
        int bits = (deltaBits[symbol] + (1 << 15)) >> 16;
        int value = (bits << 16) - deltaBits[symbol];
        return next[(value >> bits) + deltaState[symbol]];
    }

    /** Encodes symbol from state: writes the state's low bits and returns the next state. */
    int encode(BitWriter out, int state, int symbol) {
        int bits = (state + deltaBits[symbol]) >> 16;
        out.add(state, bits);
        return next[(state >> bits) + deltaState[symbol]];
    }

    /** Ends the table's use: the state the decoder starts from. */
    void flush(BitWriter out, int state) {
        out.add(state, tableLog);
    }
}
