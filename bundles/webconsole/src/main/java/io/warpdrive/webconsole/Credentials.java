package io.warpdrive.webconsole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The user name and password that the console's changes (policy swap, queue counts) require,
 * checked against an HTTP Basic {@code Authorization} header. Without a password, changes are
 * disabled: the console is read-only.
 */
final class Credentials {

    enum Check {
        /** The header carries the configured user name and password. */
        ACCEPTED,
        /** No header, another scheme, or a header that does not decode. */
        MISSING,
        /** Well-formed, but not the configured user name and password. */
        REJECTED,
        /** No password is configured: nobody may change anything. */
        DISABLED
    }

    private final byte[] user;
    private final byte[] password;

    Credentials(String user, String password) {
        this.user = (user == null ? "" : user).getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    }

    /** True if a password is configured, i.e. changes are possible at all. */
    boolean enabled() {
        return password.length > 0;
    }

    /** Checks the value of an {@code Authorization} header (null when there is none). */
    Check check(String authorization) {
        if (!enabled()) {
            return Check.DISABLED;
        }
        if (authorization == null) {
            return Check.MISSING;
        }
        String h = authorization.strip();
        if (h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Check.MISSING;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Check.MISSING;
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return Check.MISSING;
        }
        byte[] givenUser = java.util.Arrays.copyOfRange(decoded, 0, colon);
        byte[] givenPassword = java.util.Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        // Both compared in full, in time independent of where they differ.
        boolean userOk = MessageDigest.isEqual(givenUser, user);
        boolean passwordOk = MessageDigest.isEqual(givenPassword, password);
        return userOk & passwordOk ? Check.ACCEPTED : Check.REJECTED;
    }
}
