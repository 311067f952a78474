package io.warpdrive.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.felix.hc.api.Result;

/** Asserts a check's status, showing its log when it differs. */
final class Statuses {
    private Statuses() {
    }

    static void assertStatus(Result.Status expected, Result result) {
        StringBuilder log = new StringBuilder();
        result.forEach(e -> log.append(e.getStatus()).append(' ').append(e.getMessage()).append('\n'));
        assertEquals(expected, result.getStatus(), log.toString());
    }

    static String messages(Result result) {
        StringBuilder log = new StringBuilder();
        result.forEach(e -> log.append(e.getMessage()).append('\n'));
        return log.toString();
    }
}
