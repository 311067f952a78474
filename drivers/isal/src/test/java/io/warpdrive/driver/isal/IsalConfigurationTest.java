package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.driver.isal.igzip.IgzipLoader;
import io.warpdrive.driver.isal.igzip.IgzipUnavailableException;
import io.warpdrive.lib.Device;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Configuration arriving while the driver runs (as a {@code conf/} file read after the
 * driver started): the library, levels and device shape take effect at once, by serving
 * anew; the platform is told its devices changed; nothing native is left behind.
 */
class IsalConfigurationTest {

    @Test
    void aLibraryConfiguredAfterTheStartIsUsedAtOnceAndDroppedAgain() {
        ScriptedIgzip igzip = ScriptedIgzip.onLibisal();
        AtomicInteger changes = new AtomicInteger();
        try (var d = IsalDriverUnderTest.start(Map.of("library", "libisal-missing.so.9"), library -> {
            if (!library.equals("libisal.so.2")) {
                throw new IgzipUnavailableException("cannot load " + library + ": not found");
            }
            return igzip;
        })) {
            d.driver().addDeviceListener(driver -> changes.incrementAndGet());
            assertEquals("cannot load libisal-missing.so.9: not found", d.driver().unavailableReason());
            assertEquals(List.of(), d.driver().devices());

            d.driver().reconfigure(Map.of("library", "libisal.so.2", "levels", "1,1,1,1,1,1,1,1,1", "devices", "2"));
            assertNull(d.driver().unavailableReason());
            assertEquals(2, d.driver().devices().size());
            assertEquals("1,1,1,1,1,1,1,1,1", d.driver().devices().get(1).attributes().get("levels"));
            assertEquals(1, changes.get(), "the platform is told");

            List<? extends Device> before = d.driver().devices();
            d.driver().reconfigure(Map.of("library", "libisal.so.2", "levels", "1,1,1,1,1,1,1,1,1", "devices", "2",
                    "workers", "3"));
            assertEquals("3", d.driver().devices().get(0).attributes().get("workers"), "workers change live");
            assertEquals(before, d.driver().devices(), "on the same devices");
            assertEquals(1, changes.get());

            d.driver().reconfigure(Map.of("library", "libisal.so.2", "devices", "1"));
            assertNotSame(before.get(0), d.driver().devices().get(0));
            assertEquals(1, d.driver().devices().size());

            d.driver().reconfigure(Map.of("library", "libisal-missing.so.9"));
            assertEquals(List.of(), d.driver().devices());
            assertTrue(d.driver().unavailableReason().contains("libisal-missing.so.9"));
            assertEquals(3, changes.get());
            assertEquals(0, igzip.liveBlocks(), "the workers' igzip memory is freed");
        }
    }

    @Test
    void badValuesAreRefusedInOneLineEachAndTheLastGoodOnesKept() {
        IgzipLoader missing = library -> {
            throw new IgzipUnavailableException("cannot load " + library + ": not found");
        };
        try (var d = IsalDriverUnderTest.start(Map.of("depth", "abc", "workers", "-2", "instances", "0",
                "devices", "-1", "levels", "1,2,x"), missing)) {
            List<String> warnings = d.log().messages("warn");
            assertEquals(5, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.contains("configuration io.warpdrive.driver.isal: depth='abc' refused (not a whole "
                    + "number); keeping depth='64'"), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("workers='-2' refused (less than 0)")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("instances='0' refused (less than 1)")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("devices='-1' refused (less than 1)")));
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("configuration io.warpdrive.driver.isal: "
                    + "levels='1,2,x' refused (") && w.endsWith("keeping levels='" + LevelMap.DEFAULT + "'")),
                    String.valueOf(warnings));

            d.log().clear();
            d.driver().reconfigure(Map.of("levels", "1,1,1,1,1,1,1,1,1"));
            d.driver().reconfigure(Map.of("levels", "nine", "library", "libisal.so.2"));
            assertEquals(List.of("configuration io.warpdrive.driver.isal: levels='nine' refused ("
                    + failureOf("nine") + "); keeping levels='1,1,1,1,1,1,1,1,1'"), d.log().messages("warn"));
        }
    }

    private static String failureOf(String levels) {
        try {
            LevelMap.parse(levels);
            throw new AssertionError(levels + " parses");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
