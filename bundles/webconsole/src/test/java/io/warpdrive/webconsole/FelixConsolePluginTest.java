package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page as the Felix Web Console's plugin: the same servlet behind the console's login, the
 * page as a fragment of the console's page, its JSON asked for with {@code .json}. (The page in a
 * real browser inside the real console: the launcher's FelixWebConsoleIT.)
 */
class FelixConsolePluginTest {
    /** No password configured: the standalone page is read-only, the plugin is not (the console's login covers it). */
    private final ConsoleUnderTest c = new ConsoleUnderTest(Map.of());

    @AfterEach
    void close() {
        c.close();
    }

    @Test
    void registeredWithTheConsolesPluginProperties() {
        assertEquals("warpdrive", c.felixConsolePluginProperties.get("felix.webconsole.label"));
        assertEquals("WarpDrive", c.felixConsolePluginProperties.get("felix.webconsole.title"));
    }

    @Test
    void thePageIsAFragmentOfTheConsolesPageWithItsUrlsBelowThePlugin() throws Exception {
        ConsoleUnderTest.Answer page = c.sendToFelixConsolePlugin("GET", "/warpdrive", "127.0.0.1");
        String body = page.body();
        assertEquals(200, page.status);
        assertFalse(body.contains("<html") || body.contains("<head>") || body.contains("<body>"), body);
        assertTrue(body.contains("<link rel=\"stylesheet\" href=\"/system/console/warpdrive/console.css\">"), body);
        assertTrue(body.contains("<script src=\"/system/console/warpdrive/wdchart.js\" defer></script>"), body);
        assertTrue(body.contains("<script src=\"/system/console/warpdrive/console.js\" defer></script>"), body);
        assertTrue(body.contains("data-api-base=\"/system/console/warpdrive/\" data-api-suffix=\".json\""), body);
        assertTrue(body.contains("id=\"chart-throughput\"") && body.contains("id=\"policies-body\""), body);
        // The console's page: its own headers (the standalone page's CSP would stop its scripts).
        assertNull(page.headers.get("Content-Security-Policy"));
        assertNull(page.headers.get("X-Frame-Options"));
    }

    @Test
    void theJsonAndTheScriptsAreServedBelowThePlugin() throws Exception {
        // (The status JSON needs a platform; the browser test reads it in the real console.)
        ConsoleUnderTest.Answer history = c.sendToFelixConsolePlugin("GET", "/warpdrive/api/history.json", "127.0.0.1");
        assertEquals(200, history.status);
        assertTrue(history.body().startsWith("{"), history.body());
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("static/console.js")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    c.sendToFelixConsolePlugin("GET", "/warpdrive/console.js", "127.0.0.1").body());
        }
    }

    @Test
    void changesNeedNoPasswordOfThePagesOwnBehindTheConsolesLogin() throws Exception {
        // Standalone without a password: changes are disabled.
        assertEquals(403, c.send("POST", "/api/policy", "127.0.0.1").status);
        // The plugin: the request reaches the platform (which refuses a policy without a name).
        ConsoleUnderTest.Answer change = c.sendToFelixConsolePlugin("POST", "/warpdrive/api/policy", "127.0.0.1");
        assertEquals(400, change.status, change.body());
        assertTrue(change.body().contains("INVALID_ARGUMENT"), change.body());
        // Still the console's own page only.
        assertEquals(403, c.sendToFelixConsolePlugin("POST", "/warpdrive/api/policy", "127.0.0.1", "Origin",
                "http://elsewhere.example").status);
    }

    @Test
    void pathsBelowTheLabelAreThePagesOwn() {
        assertEquals("/", FelixConsolePlugin.innerPath("/warpdrive"));
        assertEquals("/", FelixConsolePlugin.innerPath("/warpdrive/"));
        assertEquals("/api/status", FelixConsolePlugin.innerPath("/warpdrive/api/status.json"));
        assertEquals("/api/policy", FelixConsolePlugin.innerPath("/warpdrive/api/policy"));
        assertEquals("/console.css", FelixConsolePlugin.innerPath("/warpdrive/console.css"));
    }
}
