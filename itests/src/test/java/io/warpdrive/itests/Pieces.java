package io.warpdrive.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes and reads in pieces whose sizes cycle through a schedule, the way real callers
 * do: a byte at a time ({@code write(int)}, {@code read()}), odd prime sizes that never
 * line up with a buffer, and 1 MiB at once.
 */
final class Pieces {
    /** One byte, primes, 1 MiB, in an order that puts every size next to every other. */
    static final int[] ODD = { 1, 3, 8191, 1 << 20, 13, 65_537, 127, 1, 1 << 20, 4099 };
    static final int[] SINGLE_BYTES = { 1 };
    static final int[] MEBIBYTES = { 1 << 20 };

    private Pieces() {
    }

    static void write(OutputStream out, byte[] data, int[] sizes) throws IOException {
        int at = 0;
        for (int i = 0; at < data.length; i++) {
            int n = Math.min(sizes[i % sizes.length], data.length - at);
            if (n == 1) {
                out.write(data[at]);
            } else {
                out.write(data, at, n);
            }
            at += n;
        }
    }

    /** Reads until -1, asking for the sizes of the schedule in turn. */
    static byte[] read(InputStream in, int[] sizes) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 20];
        for (int i = 0;; i++) {
            int size = sizes[i % sizes.length];
            if (size == 1) {
                int b = in.read();
                if (b < 0) {
                    return got.toByteArray();
                }
                got.write(b);
            } else {
                int n = in.read(buffer, 0, size);
                if (n < 0) {
                    return got.toByteArray();
                }
                if (n == 0) {
                    throw new AssertionError("read(" + size + ") returned 0 before the end");
                }
                got.write(buffer, 0, n);
            }
        }
    }
}
