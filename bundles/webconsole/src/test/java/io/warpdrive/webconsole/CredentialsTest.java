package io.warpdrive.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsExactlyTheConfiguredPair() {
        Credentials c = new Credentials("admin", "s3cret:with colon é");
        assertTrue(c.enabled());
        assertEquals(Credentials.Check.ACCEPTED, c.check(basic("admin:s3cret:with colon é")));
        assertEquals(Credentials.Check.ACCEPTED, c.check("basic   " + basic("admin:s3cret:with colon é").substring(6)));
        assertEquals(Credentials.Check.REJECTED, c.check(basic("admin:s3cret")));
        assertEquals(Credentials.Check.REJECTED, c.check(basic("root:s3cret:with colon é")));
        assertEquals(Credentials.Check.REJECTED, c.check(basic(":")));
    }

    @Test
    void malformedHeadersAreMissingCredentials() {
        Credentials c = new Credentials("admin", "pw");
        assertEquals(Credentials.Check.MISSING, c.check(null));
        assertEquals(Credentials.Check.MISSING, c.check("Bearer abc"));
        assertEquals(Credentials.Check.MISSING, c.check("Basic !!!"));
        assertEquals(Credentials.Check.MISSING, c.check(basic("no colon")));
        assertEquals(Credentials.Check.MISSING, c.check("Basic"));
    }

    @Test
    void withoutAPasswordNothingIsAccepted() {
        Credentials c = new Credentials("admin", "");
        assertFalse(c.enabled());
        assertEquals(Credentials.Check.DISABLED, c.check(basic("admin:")));
        assertEquals(Credentials.Check.DISABLED, new Credentials(null, null).check(basic(":")));
    }
}
