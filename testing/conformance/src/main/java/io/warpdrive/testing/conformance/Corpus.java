package io.warpdrive.testing.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Silesia corpus files the build points at with {@code -Dwarpdrive.corpus}: each zip
 * holds one file, extracted once into {@code target/corpus} (never committed).
 */
public final class Corpus {
    public static final List<String> NAMES = List.of("dickens", "nci", "ooffice", "xml");

    private static final Map<String, byte[]> LOADED = new ConcurrentHashMap<>();

    private Corpus() {
    }

    /** The whole file; the test is skipped, with the reason, when the corpus is not there. */
    public static byte[] file(String name) {
        return LOADED.computeIfAbsent(name, Corpus::load);
    }

    /** The file's first {@code length} bytes. */
    public static byte[] sample(String name, int length) {
        byte[] file = file(name);
        return Arrays.copyOf(file, Math.min(length, file.length));
    }

    /** Where the file is extracted (for tools such as the gzip command). */
    public static Path path(String name) {
        file(name);
        return extractedPath(name);
    }

    private static byte[] load(String name) {
        String directory = System.getProperty("warpdrive.corpus");
        Assumptions.assumeTrue(directory != null && !directory.isEmpty(),
                "system property warpdrive.corpus is not set: run the tests through Maven");
        Path zip = Path.of(directory, name + ".zip");
        Assumptions.assumeTrue(Files.isRegularFile(zip), "corpus file " + zip + " is missing");
        Path extracted = extractedPath(name);
        try {
            if (!Files.isRegularFile(extracted)) {
                extract(zip, extracted);
            }
            return Files.readAllBytes(extracted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + zip, e);
        }
    }

    private static Path extractedPath(String name) {
        return Path.of(System.getProperty("basedir", "."), "target", "corpus", name);
    }

    private static void extract(Path zip, Path extracted) throws IOException {
        Files.createDirectories(extracted.getParent());
        Path partial = extracted.resolveSibling(extracted.getFileName() + ".part");
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            ZipEntry entry;
            do {
                entry = entries.getNextEntry();
                if (entry == null) {
                    throw new IOException(zip + " holds no file");
                }
            } while (entry.isDirectory());
            Files.copy(entries, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, extracted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
