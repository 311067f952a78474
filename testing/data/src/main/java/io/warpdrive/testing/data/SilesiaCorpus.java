package io.warpdrive.testing.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Silesia corpus as an optional extra: a folder of its files, each zipped on its own
 * ({@code dickens.zip} …), named by the system property {@code warpdrive.corpus} (the build
 * passes {@code ../shared/corpus} beside the project when nothing else is given). Nothing
 * depends on it: when the folder is missing, {@link #available()} is empty.
 */
public final class SilesiaCorpus {
    /** The system property naming the folder. */
    public static final String PROPERTY = "warpdrive.corpus";
    /** The prefix of corpus files among test file names. */
    public static final String PREFIX = "silesia/";

    private static final Map<String, byte[]> LOADED = new ConcurrentHashMap<>();

    private SilesiaCorpus() {
    }

    /** The folder named by {@value #PROPERTY}, if it exists. */
    public static Optional<Path> directory() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }

    /** The names of the corpus files in the folder ({@code dickens} for {@code dickens.zip}), sorted; empty without it. */
    public static List<String> available() {
        return directory().map(SilesiaCorpus::filesIn).orElse(List.of());
    }

    /** The names of the zipped files in {@code folder}, sorted. */
    public static List<String> filesIn(Path folder) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(folder, "*.zip")) {
            for (Path zip : zips) {
                String file = zip.getFileName().toString();
                names.add(file.substring(0, file.length() - ".zip".length()));
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /** Corpus file {@code name} of the folder, unzipped (read once); fails when it is not there. */
    public static DataSet file(String name) {
        Path folder = directory().orElseThrow(() -> new IllegalStateException(
                "no Silesia corpus: -D" + PROPERTY + " does not name a folder"));
        return file(folder.resolve(name + ".zip"));
    }

    /** A zipped corpus file, unzipped (read once per path). */
    public static DataSet file(Path zip) {
        String file = zip.getFileName().toString();
        String name = PREFIX + file.toLowerCase(Locale.ROOT).replaceFirst("\\.zip$", "");
        byte[] bytes = LOADED.computeIfAbsent(zip.toAbsolutePath().toString(), z -> unzip(zip));
        return new DataSet(name, "Silesia corpus file " + zip.toAbsolutePath(), bytes.clone());
    }

    private static byte[] unzip(Path zip) {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                if (!e.isDirectory()) {
                    return entries.readAllBytes();
                }
            }
            throw new IOException(zip + " holds no file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file " + zip, e);
        }
    }
}
