package io.warpdrive.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start order of the platform bundles: {@code start-order.txt}, written by the launcher
 * build next to the staged bundles (launcher/target/bundles/) and embedded with them in
 * warpdrive.jar (/bundles/). One bundle file name per line; {@code #} starts a comment.
 */
public final class BundleIndex {

    /** File name of the index, in the staging directory and in the jar's bundles/ folder. */
    public static final String FILE_NAME = "start-order.txt";

    /** Folder of warpdrive.jar that holds the embedded bundles and the index. */
    public static final String JAR_FOLDER = "/bundles/";

    private BundleIndex() {
    }

    /** Bundle file names, in start order. */
    public static List<String> read(Reader reader) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                if (s.contains("/") || s.contains("\\")) {
                    throw new IOException("bad entry in " + FILE_NAME + ": " + s);
                }
                names.add(s);
            }
        }
        return names;
    }

    /** The bundle files of a staging directory (e.g. launcher/target/bundles), in start order. */
    public static List<Path> readDirectory(Path dir) throws IOException {
        Path index = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(index)) {
            throw new IOException(index + " does not exist (build the launcher module first)");
        }
        List<Path> files = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            for (String name : read(r)) {
                Path f = dir.resolve(name);
                if (!Files.isRegularFile(f)) {
                    throw new IOException(FILE_NAME + " lists " + name + " but " + f + " does not exist");
                }
                files.add(f);
            }
        }
        return files;
    }

    /** The bundle names embedded in the launcher jar, in start order. */
    public static List<String> readEmbedded() throws IOException {
        return readEmbedded("");
    }

    /**
     * The bundle names of an optional set embedded in the launcher jar (its folder under
     * {@code /bundles/}, e.g. {@code web}; "" for the platform's own), in start order.
     */
    public static List<String> readEmbedded(String set) throws IOException {
        String index = folder(set) + FILE_NAME;
        try (InputStream in = BundleIndex.class.getResourceAsStream(index)) {
            if (in == null) {
                throw new IOException("the launcher jar has no " + index
                        + " (run warpdrive.jar, not the launcher's classes)");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** The jar folder of a bundle set: {@code /bundles/} or {@code /bundles/<set>/}. */
    public static String folder(String set) {
        return set.isEmpty() ? JAR_FOLDER : JAR_FOLDER + set + "/";
    }
}
