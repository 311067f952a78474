package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * One kind of data, written as an endless sequence from a seeded random source: the first
 * {@code n} bytes never depend on how many bytes are asked for, so every size is a prefix of
 * every larger one.
 */
interface Generator {

    /** Appends units of data (a paragraph, a record, a function …) until {@code out} holds at least {@code size} bytes. */
    void generate(SplittableRandom random, DataWriter out, int size);
}
