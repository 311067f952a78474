package io.warpdrive.sched.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.testing.conformance.TestLoggers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad values in a scheduling context's configuration (issue 15, item 6): one line each, defaults kept. */
class ContextConfigurationTest {

    @Test
    void aTextQueueCountIsRefusedAndTheContextStillDefined() {
        ContextComponent context = new ContextComponent();
        TestLoggers.Recording log = TestLoggers.recording("context");
        context.logger = log.logger();
        context.configure(new HashMap<>(Map.of("service.pid", "io.warpdrive.hypervisor.context~logs",
                "service.factoryPid", "io.warpdrive.hypervisor.context", "consumers", "com.example.logs", "min.queues",
                "one", "use.remainder",
                "sometimes")));
        List<String> warnings = log.messages("warn");
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.contains("configuration io.warpdrive.hypervisor.context: min.queues='one' refused "
                + "(not a whole number); keeping min.queues='1'"), String.valueOf(warnings));
        assertNull(context.problem());
        assertNotNull(context.spec());
        assertEquals("logs", context.name());
    }
}
