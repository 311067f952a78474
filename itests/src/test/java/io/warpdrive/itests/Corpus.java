package io.warpdrive.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Silesia corpus (../shared/corpus, passed as {@code -Dwarpdrive.corpus}): each zip
 * holds one file, extracted once into {@code target/corpus} and never committed. Runs
 * inside the framework (plain java.* and JUnit 4 only).
 *
 * <p>A missing corpus fails the test instead of skipping it: inside Pax Exam a JUnit 4
 * assumption that does not hold is reported as a pass, which would hide that nothing was
 * tested.
 */
public final class Corpus {
    public static final List<String> NAMES = List.of("dickens", "nci", "ooffice", "xml");

    private static final Map<String, byte[]> LOADED = new ConcurrentHashMap<>();

    private Corpus() {
    }

    /** The whole file; fails the test, saying why, when the corpus is not there. */
    public static byte[] file(String name) {
        return LOADED.computeIfAbsent(name, Corpus::load);
    }

    /** Where the file is extracted. */
    public static Path path(String name) {
        file(name);
        return extracted(name);
    }

    private static byte[] load(String name) {
        String dir = System.getProperty("warpdrive.corpus");
        if (dir == null || dir.isEmpty()) {
            throw new AssertionError("system property warpdrive.corpus is not set: run the tests through Maven");
        }
        Path zip = Path.of(dir, name + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError("corpus file " + zip + " is missing (the build expects the Silesia corpus in "
                    + "../shared/corpus next to the project)");
        }
        Path target = extracted(name);
        try {
            if (!Files.isRegularFile(target)) {
                extract(zip, target);
            }
            return Files.readAllBytes(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + zip, e);
        }
    }

    private static Path extracted(String name) {
        String itestDir = System.getProperty("warpdrive.itest.dir");
        Path base = itestDir != null ? Path.of(itestDir).resolveSibling("corpus") : Path.of("target", "corpus");
        return base.resolve(name);
    }

    private static void extract(Path zip, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            do {
                entry = entries.getNextEntry();
                if (entry == null) {
                    throw new IOException(zip + " holds no file");
                }
            } while (entry.isDirectory());
            Files.copy(entries, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
