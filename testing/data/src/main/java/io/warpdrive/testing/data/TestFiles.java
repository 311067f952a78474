package io.warpdrive.testing.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard test files every suite shares: one generated file of each {@link DataKind}
 * (named by {@link DataKind#fileName()}), sized so that together they cover small and large
 * requests — {@code text}, the largest, is bigger than any driver's per-request limit (the
 * HiSilicon ZIP device's 8 MiB), so a whole-file request must be split by the driver — and,
 * when the Silesia corpus is there, its files as extras named {@code silesia/NAME}.
 */
public final class TestFiles {
    private static final Map<String, Integer> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("text", 9 << 20);
        SIZES.put("source", 1 << 20);
        SIZES.put("xml", 2 << 20);
        SIZES.put("rows", 3 << 20);
        SIZES.put("binary", 2 << 20);
        SIZES.put("random", (1 << 20) + 3);
        SIZES.put("runs", 4 << 20);
        SIZES.put("mixed", 3 << 20);
    }

    /** The generated files, in this order: text, source, xml, rows, binary, random, runs, mixed. */
    public static final List<String> GENERATED = List.copyOf(SIZES.keySet());

    private TestFiles() {
    }

    /** The generated files, then the Silesia corpus's files present ({@code silesia/dickens} …). */
    public static List<String> all() {
        List<String> names = new ArrayList<>(GENERATED);
        for (String corpus : SilesiaCorpus.available()) {
            names.add(SilesiaCorpus.PREFIX + corpus);
        }
        return names;
    }

    /** The whole file (a fresh array). */
    public static byte[] file(String name) {
        return dataSet(name).bytes();
    }

    /** The file's first {@code length} bytes (the whole file if it is shorter). */
    public static byte[] sample(String name, int length) {
        byte[] file = file(name);
        return file.length <= length ? file : Arrays.copyOf(file, length);
    }

    /** The file with its name and how it was made. */
    public static DataSet dataSet(String name) {
        if (name.startsWith(SilesiaCorpus.PREFIX)) {
            return SilesiaCorpus.file(name.substring(SilesiaCorpus.PREFIX.length()));
        }
        Integer size = SIZES.get(name);
        if (size == null) {
            throw new IllegalArgumentException("no test file " + name + "; there are " + all());
        }
        DataKind kind = DataKind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        return new DataSet(name, "generated: " + kind.description(), TestData.bytes(kind, size));
    }

    /** Whether the file is meant to shrink when compressed (everything but random bytes). */
    public static boolean compressible(String name) {
        return !name.equals("random");
    }

    /**
     * The file written (once) under {@code target/test-files} of the module being tested (the
     * build's {@code basedir}, else the working directory), for tools that read files, such as gzip.
     */
    public static Path path(String name) {
        return path(name, Path.of(System.getProperty("basedir", "."), "target", "test-files"));
    }

    /** The file written under {@code folder} (once), for tools that read files, such as gzip. */
    public static Path path(String name, Path folder) {
        Path file = folder.resolve(name.replace('/', '-'));
        if (!Files.isRegularFile(file)) {
            try {
                Files.createDirectories(folder);
                Path part = Files.createTempFile(folder, file.getFileName().toString(), ".part");
                Files.write(part, file(name));
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write test file " + file, e);
            }
        }
        return file;
    }
}
