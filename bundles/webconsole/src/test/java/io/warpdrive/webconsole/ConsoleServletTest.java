package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConsoleServletTest {

    private static HttpServletRequest request(String origin, String host, int port) {
        return Stubs.of(HttpServletRequest.class, "getHeader",
                (Function<Object[], Object>) a -> a[0].equals("Origin") ? origin : null, "getServerName", host,
                "getServerPort", port);
    }

    @Test
    void onlyTheConsolesOwnOriginMayChangeThings() {
        assertTrue(ConsoleServlet.sameOrigin(request(null, "localhost", 8080)), "not a browser: no Origin");
        assertTrue(ConsoleServlet.sameOrigin(request("http://localhost:8080", "localhost", 8080)));
        assertTrue(ConsoleServlet.sameOrigin(request("http://LOCALHOST:8080", "localhost", 8080)));
        assertTrue(ConsoleServlet.sameOrigin(request("http://example.org", "example.org", 80)));
        assertFalse(ConsoleServlet.sameOrigin(request("http://evil.example:8080", "localhost", 8080)));
        assertFalse(ConsoleServlet.sameOrigin(request("http://localhost:9090", "localhost", 8080)));
        assertFalse(ConsoleServlet.sameOrigin(request("null", "localhost", 8080)));
        assertFalse(ConsoleServlet.sameOrigin(request("::not a uri", "localhost", 8080)));
    }

    @Test
    void platformStatusesMapToHttpStatuses() {
        assertEquals(400, ConsoleServlet.httpStatus(WdStatus.INVALID_ARGUMENT));
        assertEquals(409, ConsoleServlet.httpStatus(WdStatus.UNSUPPORTED));
        assertEquals(503, ConsoleServlet.httpStatus(WdStatus.TIMEOUT));
        assertEquals(500, ConsoleServlet.httpStatus(WdStatus.INTERNAL));
    }

    @Test
    void pathsAreNormalized() {
        assertEquals("/warpdrive", WebConsole.normalizePath("/warpdrive/"));
        assertEquals("/warpdrive", WebConsole.normalizePath(" warpdrive "));
        assertEquals("/a/b", WebConsole.normalizePath("/a/b"));
        assertEquals("", WebConsole.normalizePath("/"));
        assertEquals("", WebConsole.normalizePath(""));
        assertThrows(IllegalArgumentException.class, () -> WebConsole.normalizePath("/x/*"));
        assertThrows(IllegalArgumentException.class, () -> WebConsole.normalizePath("//x"));
    }
}
