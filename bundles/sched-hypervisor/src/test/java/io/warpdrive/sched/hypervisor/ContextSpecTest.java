package io.warpdrive.sched.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Context configurations: what is accepted, what is refused and why; which context a request belongs to. */
class ContextSpecTest {

    private static ContextSpec parse(Map<String, Object> props) {
        return ContextSpec.from(ContextCommands.configOf(new Hashtable<>(props)), "fallback");
    }

    @Test
    void aConfigurationWithTheDefaults() {
        ContextSpec s = parse(Map.of("tags", new String[] { "batch" }));
        assertEquals("fallback", s.name());
        assertEquals("APPLICATION", s.policy());
        assertEquals(1, s.min());
        assertEquals(Integer.MAX_VALUE, s.upper());
        assertEquals(1_000_000_000L, s.maxIdleNanos());
        assertFalse(s.useRemainder());
    }

    @Test
    void textValuesAsFromAFileAreRead() {
        ContextSpec s = parse(Map.of("name", "batch", "consumers", "com.example.*, org.acme.batch", "max.queues", "8",
                "work.bytes", "67108864", "resize.policy", "throughput", "use.remainder", "true", "resize.tags", "2=6,3=-1"));
        assertEquals(List.of("com.example.*", "org.acme.batch"), s.consumers());
        assertEquals(8, s.max());
        assertEquals(64L << 20, s.work());
        assertEquals("THROUGHPUT", s.policy());
        assertTrue(s.useRemainder());
        assertEquals(new SizeChange(6, false), s.tagResizes().get(2));
        assertEquals(new SizeChange(-1, true), s.tagResizes().get(3));
    }

    /** work is the one name of a context's declared work; its former name work.bytes is still read, work first. */
    @Test
    void declaredWorkIsReadUnderItsNameAndItsFormerOne() {
        assertEquals(5000, parse(Map.of("name", "a", "tags", "t", "work", "5000")).work());
        assertEquals(64L << 20, parse(Map.of("name", "a", "tags", "t", "work.bytes", "67108864")).work());
        assertEquals(5000, parse(Map.of("name", "a", "tags", "t", "work", "5000", "work.bytes", "67108864")).work());
    }

    @Test
    void aStrategyNotPresentYetIsSelectedByNameIgnoringCase() {
        assertEquals("FAIR-SHARE", parse(Map.of("tags", "x", "resize.policy", " fair-share")).policy());
    }

    @Test
    void queueMaximumIdleTimesByDeviceThenDriverThenTheContexts() {
        ContextSpec s = parse(Map.of("tags", "x", "max.idle.ms", 1000L, "queue.max.idle.ms",
                new String[] { "hisi_zip=200", "hisi_zip/hisi_zip-1=50" }));
        assertEquals(50_000_000L, s.maxIdleNanos("hisi_zip", "hisi_zip-1"));
        assertEquals(200_000_000L, s.maxIdleNanos("hisi_zip", "hisi_zip-0"));
        assertEquals(1_000_000_000L, s.maxIdleNanos("soft", "cpu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("tags", "x", "queue.max.idle.ms",
                "hisi_zip"))).getMessage().contains("is not DRIVER=MS"));
    }

    @Test
    void inconsistentConfigurationsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("tags", "x", "min.queues", 5,
                "max.queues", 2))).getMessage().contains("min.queues 5 is above max.queues 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("tags", "x", "resize.policy",
                " "))).getMessage().contains("a resize strategy needs a name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("tags", "x", "resize.tags",
                "two=4"))).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("name", "empty")))
                .getMessage().contains("names no consumers and no tags"));
    }

    @Test
    void theDefaultNameIsTheFactoryConfigurationsName() {
        assertEquals("batch", ContextComponent.defaultName(Map.of("service.pid", "io.warpdrive.hypervisor.context~batch")));
    }

    @Test
    void patternsMatchSymbolicNames() {
        assertTrue(ContextMatcher.glob("com.example.*", "com.example.batch"));
        assertTrue(ContextMatcher.glob("*batch*", "org.batch.jobs"));
        assertFalse(ContextMatcher.glob("com.example.*", "com.examples"));
        assertTrue(ContextMatcher.glob("exact", "exact"));
        assertFalse(ContextMatcher.glob("exact", "exactly"));
    }

    @Test
    void shellValuesAreTypedAndChecked() {
        assertEquals(4, ContextCommands.typed("queues", "4"));
        assertEquals(2L << 30, ContextCommands.typed("work.bytes", "2g"));
        assertEquals("IDLENESS", ContextCommands.typed("resize.policy", "idleness"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContextCommands.typed("colour", "red"))
                .getMessage().contains("unknown key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContextCommands.typed("queues", "many"))
                .getMessage().contains("whole number"));
    }
}
