package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The resolution check (src/build/warpdrive.bndrun, resolved in 'mvn verify') covers exactly the
 * bundles the launcher stages, and the R5 index (target/index.xml) lists each of them: a bundle
 * added to the launcher's dependencies and not to the bndrun fails here.
 */
class ResolutionRunIT {
    private static final Path BASE = Path.of(System.getProperty("user.dir"));
    private static final Pattern REQUIRED = Pattern.compile("bnd\\.identity;id='([^']+)'");

    @Test
    void theBndrunRequiresExactlyTheStagedBundles() throws IOException {
        assertEquals(stagedSymbolicNames(), required());
    }

    @Test
    void theIndexListsEveryStagedBundle() throws IOException {
        String index = Files.readString(BASE.resolve("target/index.xml"), StandardCharsets.UTF_8);
        for (String name : stagedSymbolicNames()) {
            assertTrue(index.contains("<attribute name=\"osgi.identity\" value=\"" + name + "\"/>"),
                    "target/index.xml has no resource " + name);
        }
    }

    private static Set<String> required() throws IOException {
        String bndrun = Files.readString(BASE.resolve("src/build/warpdrive.bndrun"), StandardCharsets.UTF_8);
        Set<String> names = new TreeSet<>();
        Matcher m = REQUIRED.matcher(bndrun);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> stagedSymbolicNames() throws IOException {
        Path staged = Path.of(System.getProperty("warpdrive.bundles.dir"));
        Set<String> names = new TreeSet<>();
        for (String set : new String[] {"", "web", "console"}) {
            for (Path jar : BundleIndex.readDirectory(set.isEmpty() ? staged : staged.resolve(set))) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    String bsn = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                    names.add(bsn.split(";")[0].trim());
                }
            }
        }
        return names;
    }
}
