package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad values in the console's configuration (issue 15, item 6): one line each, the last good values kept. */
class WebConsoleConfigurationTest {

    @Test
    void badValuesAreRefusedAndTheConsoleServesOnTheLastGoodOnes() {
        try (ConsoleUnderTest c = new ConsoleUnderTest(Map.of("refresh.ms", "fast", "history.seconds", "5", "path",
                "/ops"))) {
            List<String> warnings = c.warnings;
            assertEquals(2, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.contains("configuration io.warpdrive.webconsole: refresh.ms='fast' refused (not a "
                    + "whole number); keeping refresh.ms='1000'"), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("history.seconds='5' refused (not between 10 and "
                    + "3600)")));
            assertEquals(List.of("/ops/*"), c.registeredAt);

            warnings.clear();
            c.console.modified(new java.util.HashMap<>(Map.of("path", "/ops/*")));
            assertEquals(1, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.get(0).startsWith("configuration io.warpdrive.webconsole: path='/ops/*' refused ("),
                    warnings.get(0));
            assertTrue(warnings.get(0).endsWith("keeping path='/ops'"), warnings.get(0));
            assertEquals(List.of("/ops/*"), c.registeredAt, "still served where it was");
        }
    }
}
