package io.warpdrive.launcher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is written by hand and checked here against the Metatype of the built
 * bundles (the launcher's dependencies, so the reactor builds them first): every PID and key the
 * bundles declare is documented with its default, and the document names nothing they do not.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md")
            .normalize();

    @Test
    void everyKeyAndDefaultOfTheMetatypeIsDocumentedAndNothingElse() throws Exception {
        Map<String, Map<String, String>> metatype = MetatypeCatalog.fromClassPath();
        Map<String, Map<String, String>> documented = ConfigurationDoc.read(DOC);
        assertTrue(metatype.containsKey("io.warpdrive.engine"),
                "no Metatype of the engine on the class path: " + metatype.keySet());

        List<String> differences = new ArrayList<>();
        TreeSet<String> pids = new TreeSet<>(metatype.keySet());
        pids.addAll(documented.keySet());
        for (String pid : pids) {
            Map<String, String> declared = metatype.get(pid);
            Map<String, String> written = documented.get(pid);
            if (declared == null) {
                differences.add(pid + ": documented, but no bundle declares it in its Metatype");
            } else if (written == null) {
                differences.add(pid + ": declared in Metatype, missing from the document");
            } else {
                compare(pid, declared, written, differences);
            }
        }
        assertEquals(List.of(), differences, DOC + " and the bundles' Metatype differ");
    }

    private static void compare(String pid, Map<String, String> declared, Map<String, String> written,
            List<String> differences) {
        TreeSet<String> keys = new TreeSet<>(declared.keySet());
        keys.addAll(written.keySet());
        for (String key : keys) {
            if (!declared.containsKey(key)) {
                differences.add(pid + " " + key + ": documented, not in the Metatype");
            } else if (!written.containsKey(key)) {
                differences.add(pid + " " + key + ": in the Metatype (default '" + declared.get(key)
                        + "'), not documented");
            } else if (!declared.get(key).equals(written.get(key))) {
                differences.add(pid + " " + key + ": documented default '" + written.get(key)
                        + "', Metatype default '" + declared.get(key) + "'");
            }
        }
    }

    @Test
    void metatypeDefaultsSplitOnUnescapedCommas() {
        assertEquals(List.of("0,1", "2"), MetatypeCatalog.values("0\\,1,2"));
        assertEquals(List.of("a", "b"), MetatypeCatalog.values("a, b"));
        assertEquals(List.of(), MetatypeCatalog.values(""));
    }

    @Test
    void theDocumentIsInTheRepository() {
        assertTrue(Files.isRegularFile(DOC), DOC + " is missing");
    }
}
