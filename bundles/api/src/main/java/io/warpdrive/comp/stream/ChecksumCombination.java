package io.warpdrive.comp.stream;

/**
 * The checksum of two pieces of data one after the other, from each piece's own checksum
 * and the second piece's length, so that pieces checksummed apart (and in any order) give
 * the checksum of the whole stream.
 *
 * <p>CRC-32 is the remainder of the message polynomial, so appending {@code n} bytes
 * multiplies the first piece's remainder by x<sup>8n</sup> modulo the generator; the
 * pre- and post-inversion of standard CRC-32 cancel out of that product, so
 * {@code crc(AB) = crc(A)·x^(8·|B|) mod P xor crc(B)}. The power of x is built by squaring
 * (x<sup>2<sup>k</sup></sup> for each set bit of 8n), so a combination costs at most 64
 * multiplications of 32 steps, whatever the length.
 *
 * <p>Adler-32 is two sums modulo 65521: {@code a = 1 + Σ bytes} and {@code b = Σ a} after
 * each byte; appending B adds B's bytes to a (its leading 1 counted once) and adds to b, for
 * each of B's bytes, the a that A ended with.
 */
final class ChecksumCombination {
    /** CRC-32's generator, bit-reversed: bit 31 holds the coefficient of x<sup>0</sup>. */
    private static final int POLYNOMIAL = 0xedb88320;
    private static final int ADLER_MODULUS = 65521;
    /** x<sup>2<sup>k</sup></sup> mod P, bit-reversed, for k = 0..63. */
    private static final int[] X_TO_TWO_TO_THE = new int[64];

    static {
        X_TO_TWO_TO_THE[0] = 1 << 30; // x itself: the coefficient of x^1 sits in bit 30
        for (int k = 1; k < X_TO_TWO_TO_THE.length; k++) {
            X_TO_TWO_TO_THE[k] = multiply(X_TO_TWO_TO_THE[k - 1], X_TO_TWO_TO_THE[k - 1]);
        }
    }

    private ChecksumCombination() {
    }

    /** The CRC-32 of A then B, from A's CRC-32, B's CRC-32 and B's length in bytes. */
    static int crc32(int crcA, int crcB, long lengthB) {
        if (lengthB == 0) {
            return crcA; // B is empty: its CRC-32 is 0
        }
        return multiply(crcA, xToThe8Times(lengthB)) ^ crcB;
    }

    /** The Adler-32 of A then B, from A's Adler-32, B's Adler-32 and B's length in bytes. */
    static int adler32(int adlerA, int adlerB, long lengthB) {
        long n = Long.remainderUnsigned(lengthB, ADLER_MODULUS);
        long aA = adlerA & 0xffff;
        long bA = adlerA >>> 16;
        long aB = adlerB & 0xffff;
        long bB = adlerB >>> 16;
        long a = (aA + aB + ADLER_MODULUS - 1) % ADLER_MODULUS;
        // b = bA + bB + n·(aA − 1), kept non-negative
        long b = (bA + bB + n * aA % ADLER_MODULUS + ADLER_MODULUS - n) % ADLER_MODULUS;
        return (int) (b << 16 | a);
    }

    /** x<sup>8n</sup> mod P: the product of x<sup>2<sup>k+3</sup></sup> over the set bits k of n. */
    private static int xToThe8Times(long n) {
        int power = 1 << 31; // 1, the coefficient of x^0
        for (int k = 3; n != 0; k++, n >>>= 1) {
            if ((n & 1) != 0) {
                power = multiply(power, X_TO_TWO_TO_THE[k]);
            }
        }
        return power;
    }

    /**
     * a·b mod P in the bit-reversed representation: for each term x<sup>i</sup> of a (bit
     * 31−i), add b·x<sup>i</sup>; b·x is a shift right, reduced by P when the x<sup>31</sup>
     * coefficient (bit 0) moves out.
     */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int bit = 31; bit >= 0 && a != 0; bit--) {
            if ((a >>> bit & 1) != 0) {
                product ^= b;
                a &= ~(1 << bit);
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
        return product;
    }
}
