package io.warpdrive.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.testing.conformance.TestLoggers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad values in the example consumer's configuration (issue 15, item 6): one line each, defaults kept. */
class LogCompressorConfigurationTest {

    @Test
    void badValuesAreRefusedInOneLineEach(@TempDir Path folder) throws Exception {
        LogCompressor component = new LogCompressor();
        TestLoggers.Recording log = TestLoggers.recording("logcompressor");
        component.logger = log.logger();
        component.activate(new HashMap<>(Map.of("folder", folder.toString(), "level", "nine", "interval.seconds", "0",
                "fallback", "CPU")));
        try {
            List<String> warnings = log.messages("warn");
            assertEquals(3, warnings.size(), String.valueOf(warnings));
            assertTrue(warnings.contains("configuration io.warpdrive.example.logcompressor: level='nine' refused (not a "
                    + "whole number); keeping level='6'"), String.valueOf(warnings));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("interval.seconds='0' refused (less than 1)")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("fallback='CPU' refused (not one of AUTO, "
                    + "HARDWARE_ONLY, SOFTWARE_ONLY)")), String.valueOf(warnings));
            assertTrue(log.messages("info").stream().anyMatch(m -> m.contains("every 60 s")),
                    String.valueOf(log.entries()));
        } finally {
            component.deactivate();
        }
    }
}
