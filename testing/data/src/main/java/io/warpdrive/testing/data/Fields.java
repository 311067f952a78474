package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/** Plausible field values (dates, times, amounts) as databases and documents print them. */
final class Fields {
    private Fields() {
    }

    static String day(SplittableRandom random) {
        return (1990 + random.nextInt(36)) + "-" + twoDigits(1 + random.nextInt(12)) + "-" + twoDigits(1 + random.nextInt(28));
    }

    static String iso(SplittableRandom random) {
        return day(random) + "T" + twoDigits(random.nextInt(24)) + ":" + twoDigits(random.nextInt(60)) + ":"
                + twoDigits(random.nextInt(60)) + "Z";
    }

    /** {@code cents} as a decimal amount with two places. */
    static String amount(int cents) {
        return cents / 100 + "." + twoDigits(cents % 100);
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
