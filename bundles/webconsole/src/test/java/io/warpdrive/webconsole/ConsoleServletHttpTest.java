package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's answers over HTTP, in memory: methods, framing, challenges, wrong passwords. */
class ConsoleServletHttpTest {
    private final ConsoleUnderTest c = new ConsoleUnderTest(Map.of("username", "admin", "password", "s3cret"));

    @AfterEach
    void stop() {
        c.close();
    }

    @Test
    void everyAnswerForbidsFraming() throws Exception {
        assertEquals("DENY", c.send("GET", "/", "127.0.0.1").headers.get("X-Frame-Options"));
        assertEquals("DENY", c.send("POST", "/api/policy", "127.0.0.1").headers.get("X-Frame-Options"));
        assertEquals("DENY", c.send("DELETE", "/api/policy", "127.0.0.1").headers.get("X-Frame-Options"));
    }

    @Test
    void aWrongMethodGets405WithAllow() throws Exception {
        ConsoleUnderTest.Answer get = c.send("GET", "/api/policy", "127.0.0.1");
        assertEquals(405, get.status);
        assertEquals("POST", get.headers.get("Allow"));
        assertTrue(get.body().contains("GET is not allowed on /api/policy"), get.body());
        ConsoleUnderTest.Answer post = c.send("POST", "/api/status", "127.0.0.1");
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.headers.get("Allow"));
        assertEquals(405, c.send("PUT", "/", "127.0.0.1").status);
        assertEquals(405, c.send("DELETE", "/api/queues", "127.0.0.1").status);
        assertEquals(404, c.send("PUT", "/nothing", "127.0.0.1").status);
        assertEquals(404, c.send("GET", "/nothing", "127.0.0.1").status);
    }

    @Test
    void thePagesOwnRequestsGetNoChallengeBrowsersPromptFor() throws Exception {
        ConsoleUnderTest.Answer page = c.send("POST", "/api/policy", "127.0.0.1", "X-WarpDrive-Console", "1",
                "Authorization", ConsoleUnderTest.basic("admin", "wrong"));
        assertEquals(401, page.status);
        assertFalse(page.headers.get("WWW-Authenticate").startsWith("Basic"), page.headers.get("WWW-Authenticate"));
        ConsoleUnderTest.Answer curl = c.send("POST", "/api/policy", "127.0.0.2");
        assertEquals(401, curl.status);
        assertTrue(curl.headers.get("WWW-Authenticate").startsWith("Basic"), "other clients are challenged as usual");
    }

    @Test
    void repeatedWrongPasswordsLockTheAddressOutAndAreLoggedOncePerBurst() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(401, c.send("POST", "/api/policy", "10.1.1.1", "Authorization",
                    ConsoleUnderTest.basic("admin", "guess" + i)).status);
        }
        ConsoleUnderTest.Answer locked = c.send("POST", "/api/policy", "10.1.1.1", "Authorization",
                ConsoleUnderTest.basic("admin", "s3cret"));
        assertEquals(429, locked.status, "even the right password waits out the lockout");
        assertEquals(String.valueOf(LoginThrottle.FIRST_LOCKOUT_SECONDS), locked.headers.get("Retry-After"));
        assertTrue(locked.body().contains("too many wrong passwords from 10.1.1.1"), locked.body());
        assertEquals(1, c.warnings.size(), String.valueOf(c.warnings));
        assertTrue(c.warnings.get(0).startsWith("web console: wrong password for a change from"), c.warnings.get(0));
        assertEquals(401, c.send("POST", "/api/policy", "10.1.1.2", "Authorization",
                ConsoleUnderTest.basic("admin", "nope")).status, "another address is not locked out");
        assertEquals(2, c.warnings.size(), "its burst is its own line");
    }
}
