package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void variablesThenOtherPropertiesThenSystem() {
        Map<String, String> raw = map("a", "${warpdrive.home}/x", "b", "${a}/y", "c", "${sys}-${a}");
        Map<String, String> out = FrameworkProperties.expand(raw, Map.of("warpdrive.home", "/h"),
                k -> k.equals("sys") ? "S" : null);
        assertEquals(map("a", "/h/x", "b", "/h/x/y", "c", "S-/h/x"), out);
    }

    @Test
    void unknownPlaceholderIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameworkProperties.expand(map("k", "${nope}"), Map.of(), x -> null));
        assertEquals("framework property k: ${nope} is not defined", e.getMessage());
    }

    @Test
    void cyclesAreDetected() {
        assertThrows(IllegalArgumentException.class,
                () -> FrameworkProperties.expand(map("a", "${b}", "b", "${a}"), Map.of(), x -> null));
    }

    @Test
    void replacementIsLiteral() {
        Map<String, String> out = FrameworkProperties.expand(map("k", "${v}"), Map.of("v", "C:\\dir$1"), x -> null);
        assertEquals("C:\\dir$1", out.get("k"));
    }

    @Test
    void overridesReplaceOnlyKnownKeys() {
        Map<String, String> out = FrameworkProperties.withOverrides(map("a", "1", "b", "2"),
                k -> Map.of("a", "9", "z", "0").get(k));
        assertEquals(map("a", "9", "b", "2"), out);
    }

    /** The real cnf/run/framework.properties, as embedded in the launcher. */
    @Test
    void sharedFrameworkPropertiesExpandWithTheHomeAlone() throws IOException {
        Map<String, String> raw = FrameworkProperties.loadEmbedded();
        Map<String, String> p = FrameworkProperties.expand(raw, Map.of("warpdrive.home", "/wd"), k -> null);
        assertEquals("/wd/deploy,/wd/conf", p.get("felix.fileinstall.dir"));
        assertEquals("/wd/data/config", p.get("felix.cm.dir"));
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"), "the shell bundle writes back, by rename");
        assertEquals("true", p.get("felix.fileinstall.noInitialDelay"));
        assertEquals(".*\\.(jar|cfg|config)", p.get("felix.fileinstall.filter"));
        assertTrue(p.get("gosh.args").contains("--nointeractive"), p.get("gosh.args"));
        assertEquals("/wd", p.get("warpdrive.home"));
        // The launcher owns these per mode.
        assertFalse(p.containsKey("org.osgi.framework.storage"));
        assertFalse(p.containsKey("org.osgi.framework.storage.clean"));
        p.values().forEach(v -> assertFalse(v.contains("${"), v));
    }

    @Test
    void fileInstallFilterMatchesArtifactsOnly() throws IOException {
        String filter = FrameworkProperties.loadEmbedded().get("felix.fileinstall.filter");
        for (String yes : new String[] {"driver.jar", "io.warpdrive.sched.cfg", "x-y.config"}) {
            assertTrue(yes.matches(filter), yes);
        }
        for (String no : new String[] {"a.cfg~", "README", "a.jar.part", ".a.cfg.swp"}) {
            assertFalse(no.matches(filter), no);
        }
    }
}
