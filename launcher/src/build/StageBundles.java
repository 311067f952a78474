import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Build step of the launcher module (run by exec-maven-plugin in prepare-package, as a Java
 * single-file program, with the module's runtime classpath as {@code -classpath}).
 *
 * <p>Arguments: the target directory, and the set of the module's direct runtime dependencies
 * (a path list from {@code dependency:build-classpath -DexcludeTransitive}, in no useful order);
 * then any number of pairs {@code <folder> <path list>}: optional bundle sets (e.g. {@code web},
 * the HTTP service and the web console), staged into {@code <target>/<folder>/} with their own
 * {@code start-order.txt} instead of the main set. The launcher installs them only when asked.
 *
 * <p>Maven puts dependencies on the classpath in declaration order, so the classpath <em>is</em>
 * the start order declared in launcher/pom.xml. This program walks it, keeps the direct
 * dependencies that are OSGi bundles (skipping the launcher's own classes, what the bundles drag
 * in transitively and the framework itself), copies them into the target directory and writes
 * {@code start-order.txt}, one file name per line, in that order.
 * warpdrive.jar embeds the directory; the integration tests provision it.
 */
public class StageBundles {

    static final String INDEX = "start-order.txt";
    static final String FRAMEWORK_SERVICE = "META-INF/services/org.osgi.framework.launch.FrameworkFactory";

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: StageBundles <target directory> <direct dependencies path list> "
                    + "[<folder> <optional bundles path list>]...");
        }
        Path out = Path.of(args[0]);
        java.util.Set<Path> direct = paths(args[1]);
        Map<String, java.util.Set<Path>> optional = new java.util.LinkedHashMap<>();
        for (int k = 2; k < args.length; k += 2) {
            if (args[k].isBlank() || args[k].contains("/") || args[k].contains("\\")) {
                throw new IllegalArgumentException("an optional set's folder is a plain name, not '" + args[k] + "'");
            }
            java.util.Set<Path> set = paths(args[k + 1]);
            if (set.isEmpty()) {
                throw new IllegalStateException("the optional bundle set '" + args[k] + "' is empty");
            }
            direct.removeAll(set);
            optional.put(args[k], set);
        }
        Files.createDirectories(out);
        // Stale bundles of an earlier build (a dependency changed version) must not linger.
        deleteContents(out);

        stage(out, direct, "");
        for (Map.Entry<String, java.util.Set<Path>> e : optional.entrySet()) {
            stage(Files.createDirectories(out.resolve(e.getKey())), e.getValue(), " (optional set '" + e.getKey() + "')");
        }
    }

    private static java.util.Set<Path> paths(String pathList) {
        java.util.Set<Path> set = new java.util.HashSet<>();
        for (String p : pathList.split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) {
                set.add(Path.of(p).toAbsolutePath().normalize());
            }
        }
        return set;
    }

    private static void deleteContents(Path dir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
            for (Path p : old) {
                if (Files.isDirectory(p)) {
                    deleteContents(p);
                }
                Files.delete(p);
            }
        }
    }

    /** Copies the bundles of {@code set}, in classpath order, into {@code out} and writes its index. */
    private static void stage(Path out, java.util.Set<Path> set, String what) throws IOException {
        List<String> order = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar) || !set.contains(jar.toAbsolutePath().normalize())) {
                continue; // target/classes, a transitive dependency of a bundle, or another set's
            }
            String bsn;
            try (JarFile jf = new JarFile(jar.toFile())) {
                if (jf.getEntry(FRAMEWORK_SERVICE) != null) {
                    continue; // the framework is the launcher's, not a bundle to install
                }
                Manifest mf = jf.getManifest();
                bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
                if (bsn == null) {
                    throw new IllegalStateException(jar + " is a runtime dependency of the launcher but not an OSGi bundle");
                }
                bsn = bsn.split(";")[0].trim();
            }
            String name = jar.getFileName().toString();
            String previous = seen.putIfAbsent(bsn, name);
            if (previous != null) {
                throw new IllegalStateException("bundle " + bsn + " twice: " + previous + " and " + name);
            }
            if (order.contains(name)) {
                throw new IllegalStateException("two bundles named " + name);
            }
            Files.copy(jar, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            order.add(name);
        }
        if (order.isEmpty()) {
            throw new IllegalStateException("no bundles on the runtime classpath" + what);
        }

        StringBuilder index = new StringBuilder();
        index.append("# WarpDrive platform bundles" + what + " in start order, one file name per line.\n");
        index.append("# Generated from the dependency list of launcher/pom.xml; do not edit.\n");
        for (String name : order) {
            index.append(name).append('\n');
        }
        Files.writeString(out.resolve(INDEX), index, StandardCharsets.UTF_8);
    }
}
