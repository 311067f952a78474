package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.coordinator.ResourceKind;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.TunePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The resource table's entries, and the shell's durations. */
class ResourceTableTest {

    @Test
    void entriesNameKindTargetPolicyAndDefault() {
        ResourceTable t = ResourceTable.parse("video=hardware@hisi_zip/hisi_zip-1:HIGHER_IS_BETTER:16, "
                + "cap = hardware.per.consumer : lower_is_better , w=cpu.workers::2", "all=hardware");
        assertEquals(4, t.specs.size());
        ResourceSpec video = t.specs.get(0);
        assertEquals("video", video.name);
        assertEquals(ResourceKind.HARDWARE, video.kind);
        assertEquals("hisi_zip", video.driver);
        assertEquals("hisi_zip-1", video.device);
        assertEquals("hisi_zip/hisi_zip-1", video.target());
        assertEquals(TunePolicy.HIGHER_IS_BETTER, video.policy);
        assertEquals(16L, video.configuredDefault);
        ResourceSpec cap = t.specs.get(1);
        assertEquals(TunePolicy.LOWER_IS_BETTER, cap.policy);
        assertNull(cap.configuredDefault);
        assertEquals(2L, t.specs.get(2).configuredDefault);
        assertEquals(TunePolicy.INSTANT_APPLY, t.specs.get(2).policy);
        ResourceSpec all = t.specs.get(3);
        assertNull(all.driver, "no target: every hardware driver");
        assertEquals("*", all.target());
        assertEquals(ResourceState.UNLIMITED,
                (long) ResourceTable.parse("c=hardware.per.consumer:unlimited").specs.get(0).configuredDefault);
    }

    @Test
    void theDefaultTableParses() {
        ResourceTable t = ResourceTable.defaults();
        assertEquals(3, t.specs.size());
        assertEquals("hardware", t.specs.get(0).name);
    }

    @Test
    void badEntriesAreRefusedWithTheReason() {
        assertRefused("no equals sign", "hardware", "is not NAME=KIND");
        assertRefused("bad kind", "x=disk", "kind 'disk'");
        assertRefused("target on a non-hardware kind", "x=cpu.workers@soft", "only a hardware resource has a target");
        assertRefused("bad target", "x=hardware@", "target");
        assertRefused("device of *", "x=hardware@*/d", "target '*' has no device");
        assertRefused("two policies", "x=hardware:LAZY_APPLY:INSTANT_APPLY", "second policy");
        assertRefused("not a value", "x=hardware:lots", "neither a policy");
        assertRefused("negative default", "x=hardware:-1", "negative");
        assertRefused("unlimited hardware", "x=hardware:unlimited", "only a per-consumer limit");
        assertRefused("duplicate", "x=hardware,x=cpu.workers", "twice");
        assertRefused("two cpu.workers", "a=cpu.workers,b=cpu.workers", "one cpu.workers");
        assertRefused("bad name", "a b=hardware", "may hold only");
    }

    private static void assertRefused(String what, String entry, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceTable.parse(entry),
                what);
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    @Test
    void durationsReadAndWriteAsInTheShell() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertNull(Durations.parse("forever"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 minutes"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
        assertEquals("4m59s", Durations.format(Duration.ofSeconds(299)));
        assertEquals("750ms", Durations.format(Duration.ofMillis(750)));
        assertEquals("1d2h", Durations.format(Duration.ofHours(26)));
        assertEquals("forever", Durations.format(null));
    }
}
