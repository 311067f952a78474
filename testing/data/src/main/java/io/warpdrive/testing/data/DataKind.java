package io.warpdrive.testing.data;

import java.util.Locale;
import java.util.function.Supplier;

/** The kinds of data the project generates for its tests and benchmarks, each with what it is like. */
public enum DataKind {
    /** Prose like a novel's plain-text edition. */
    TEXT(TextGenerator::new, "English-like prose: 12,000-word Zipf vocabulary, names, dialogue, "
            + "paragraphs, lines wrapped at 72 columns"),
    /** C-like source code. */
    SOURCE(SourceGenerator::new, "C-like source code: comments, includes, structs, nested functions"),
    /** Structured records in XML. */
    XML(XmlGenerator::new, "XML catalogue records with attributes, nested elements and free text"),
    /** A database table as delimited rows. */
    ROWS(RowsGenerator::new, "database rows: ids, codes, names, dates, amounts, status, city, comment"),
    /** Bytes laid out like an executable. */
    BINARY(BinaryGenerator::new, "executable-like binary: x86-64-like code, address and integer tables, "
            + "string tables, page padding"),
    /** Incompressible bytes. */
    RANDOM(RandomGenerator::new, "uniformly random bytes (incompressible)"),
    /** Long runs of zeros, repeated bytes and short patterns. */
    RUNS(RunsGenerator::new, "long runs: zero blocks, repeated bytes, short repeated patterns"),
    /** Blocks of every other kind in turn. */
    MIXED(MixedGenerator::new, "4-64 KiB blocks of every other kind in turn");

    private final Supplier<Generator> generator;
    private final String description;

    DataKind(Supplier<Generator> generator, String description) {
        this.generator = generator;
        this.description = description;
    }

    /** What the data is like and how it is made. */
    public String description() {
        return description;
    }

    /** The kind's name as files and test names show it ({@code text}, {@code xml} …). */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first {@code size} bytes of this kind's sequence (a fresh array: the caller may change it). */
    public byte[] bytes(int size) {
        return TestData.bytes(this, size);
    }

    Generator generator() {
        return generator.get();
    }

    /** Every kind's own fixed seed, so adding a kind changes none of the others. */
    long seed() {
        return 0x5EED_0000_0000L + 0x9E37_79B9L * (ordinal() + 1);
    }
}
