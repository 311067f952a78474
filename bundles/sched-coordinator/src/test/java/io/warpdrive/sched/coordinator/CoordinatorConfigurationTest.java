package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.testing.conformance.TestLoggers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration values (issue 15, item 6): one line each, the last good values kept. */
class CoordinatorConfigurationTest {

    @Test
    void aResourceTableThatCannotBeReadAndATextRankingAreRefused() {
        CoordinatorScheduler policy = new CoordinatorScheduler();
        TestLoggers.Recording log = TestLoggers.recording("coordinator");
        policy.logger = log.logger();
        policy.activate(new HashMap<>(Map.of("resources", "nonsense", "service.ranking", "first")));
        try {
            List<String> warnings = log.messages("warn");
            assertEquals(2, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("configuration io.warpdrive.sched.coordinator: "
                    + "resources='nonsense' refused (")), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("service.ranking='first' refused (not a whole "
                    + "number); keeping service.ranking='30'")), String.valueOf(warnings));

            log.clear();
            policy.modified(new HashMap<>(Map.of("resources", "also nonsense")));
            assertEquals(1, log.messages("warn").size(), String.valueOf(log.messages("warn")));
        } finally {
            policy.deactivate();
        }
    }
}
