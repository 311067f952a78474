package io.warpdrive.sched.coordinator;

import static io.warpdrive.sched.PriorityLevel.SYSTEM_HIGH;
import static io.warpdrive.sched.PriorityLevel.SYSTEM_LOW;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_HIGH;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.Tune;
import io.warpdrive.sched.PriorityLevel;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The book of tunes on a clock the test moves: each policy's order, level order, retune,
 * untune, expiry and the default coming back, the knob it writes, who may do what, and table
 * changes.
 */
class CoordinationTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Owner SYSTEM = new Owner("io.warpdrive.video", 11, true);
    private static final Owner OTHER_SYSTEM = new Owner("io.warpdrive.shell", 12, true);
    private static final Owner THIRD = new Owner("com.example.picture", 21, false);
    private static final Owner OTHER_THIRD = new Owner("com.example.album", 22, false);

    private final ManualClock clock = new ManualClock();
    private final RecordingKnob knob = new RecordingKnob();

    private Coordination book(String... table) {
        return new Coordination(ResourceTable.parse(table), clock, knob, CoordinatorLog.NONE);
    }

    private static ResourceState state(Coordination book, String name) {
        return book.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Long> order(Coordination book, String name) {
        return state(book, name).tunes().stream().map(Tune::value).collect(Collectors.toList());
    }

    // ---- policies ----------------------------------------------------------------------------

    @Test
    void instantApplyHonoursTheLatestTune() {
        Coordination b = book("r=hardware:INSTANT_APPLY:0");
        b.tune(SYSTEM, "r", 8, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 4, MINUTE, SYSTEM_LOW);
        long latest = b.tune(SYSTEM, "r", 6, MINUTE, SYSTEM_LOW);
        assertEquals(6, state(b, "r").value());
        assertEquals(List.of(6L, 4L, 8L), order(b, "r"));
        b.untune(SYSTEM, latest);
        assertEquals(4, state(b, "r").value(), "the one before it is honoured again");
    }

    @Test
    void higherIsBetterHonoursTheHighestValue() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0");
        b.tune(SYSTEM, "r", 8, MINUTE, SYSTEM_LOW);
        long highest = b.tune(SYSTEM, "r", 16, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 4, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 8, MINUTE, SYSTEM_LOW);
        assertEquals(16, state(b, "r").value());
        assertEquals(List.of(16L, 8L, 8L, 4L), order(b, "r"));
        b.untune(SYSTEM, highest);
        assertEquals(8, state(b, "r").value());
    }

    @Test
    void lowerIsBetterHonoursTheLowestValue() {
        Coordination b = book("r=hardware.per.consumer:LOWER_IS_BETTER");
        b.tune(SYSTEM, "r", 8, MINUTE, SYSTEM_LOW);
        long lowest = b.tune(SYSTEM, "r", 2, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 4, MINUTE, SYSTEM_LOW);
        assertEquals(2, state(b, "r").value());
        assertEquals(List.of(2L, 4L, 8L), order(b, "r"));
        b.untune(SYSTEM, lowest);
        assertEquals(4, state(b, "r").value());
    }

    @Test
    void lazyApplyIsFirstInFirstOut() {
        Coordination b = book("r=cpu.workers:LAZY_APPLY:2");
        long first = b.tune(SYSTEM, "r", 1, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 4, MINUTE, SYSTEM_LOW);
        b.tune(SYSTEM, "r", 3, MINUTE, SYSTEM_LOW);
        assertEquals(1, state(b, "r").value(), "the first tune is in force until it leaves");
        assertEquals(List.of(1L, 4L, 3L), order(b, "r"));
        b.untune(SYSTEM, first);
        assertEquals(4, state(b, "r").value(), "the next one reaches the head and takes effect");
    }

    @Test
    void theDefaultPolicyIsInstantApply() {
        Coordination b = book("r=hardware");
        assertEquals(io.warpdrive.coordinator.TunePolicy.INSTANT_APPLY, state(b, "r").policy());
    }

    // ---- levels ------------------------------------------------------------------------------

    @Test
    void theHighestNonEmptyLevelDecidesWhateverThePolicySaysAcrossLevels() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0");
        long low = b.tune(THIRD, "r", 32, MINUTE, THIRD_PARTY_LOW);
        assertEquals(32, state(b, "r").value());
        assertEquals(THIRD_PARTY_LOW, state(b, "r").level());
        long high = b.tune(THIRD, "r", 2, MINUTE, THIRD_PARTY_HIGH);
        assertEquals(2, state(b, "r").value(), "a higher level wins even with a value its policy ranks lower");
        long sys = b.tune(SYSTEM, "r", 1, MINUTE, SYSTEM_LOW);
        long top = b.tune(SYSTEM, "r", 3, MINUTE, SYSTEM_HIGH);
        ResourceState r = state(b, "r");
        assertEquals(3, r.value());
        assertEquals(SYSTEM_HIGH, r.level());
        assertEquals(List.of(SYSTEM_HIGH, SYSTEM_LOW, THIRD_PARTY_HIGH, THIRD_PARTY_LOW),
                r.tunes().stream().map(Tune::level).collect(Collectors.toList()), "listed highest level first");
        assertTrue(r.tunes().get(0).inForce());
        assertFalse(r.tunes().get(1).inForce());
        b.untune(SYSTEM, top);
        assertEquals(1, state(b, "r").value());
        b.untune(SYSTEM, sys);
        assertEquals(2, state(b, "r").value());
        b.untune(THIRD, high);
        assertEquals(32, state(b, "r").value());
        b.untune(THIRD, low);
        assertEquals(0, state(b, "r").value());
        assertNull(state(b, "r").level(), "the default is in force again");
    }

    // ---- timers --------------------------------------------------------------------------------

    @Test
    void aTuneExpiresAfterItsDurationAndTheDefaultComesBack() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0");
        b.tune(SYSTEM, "r", 16, Duration.ofSeconds(30), SYSTEM_HIGH);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(20), state(b, "r").tunes().get(0).remaining());
        clock.advance(Duration.ofSeconds(19));
        assertEquals(16, state(b, "r").value(), "still in force a second before it expires");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, state(b, "r").value());
        assertTrue(state(b, "r").tunes().isEmpty());
        assertEquals(0, b.size());
    }

    @Test
    void anExpiredTuneHandsOverToTheNextOne() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0");
        b.tune(SYSTEM, "r", 16, Duration.ofSeconds(10), SYSTEM_HIGH);
        b.tune(THIRD, "r", 4, Duration.ofSeconds(60), THIRD_PARTY_HIGH);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(4, state(b, "r").value());
        assertEquals(THIRD_PARTY_HIGH, state(b, "r").level());
    }

    @Test
    void retuneRestartsTheTimerFromNow() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0");
        long h = b.tune(SYSTEM, "r", 16, Duration.ofSeconds(30), SYSTEM_HIGH);
        clock.advance(Duration.ofSeconds(25));
        b.retune(SYSTEM, h, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(30), state(b, "r").tunes().get(0).remaining());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(16, state(b, "r").value(), "the first timer was cancelled: 54 s after the tune it holds");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, state(b, "r").value());
        assertEquals(0, clock.pending(), "no timer left behind");
    }

    @Test
    void retuneCanMakeATuneLastUntilUntunedAndBack() {
        Coordination b = book("r=hardware:0");
        long h = b.tune(SYSTEM, "r", 16, Duration.ofSeconds(5), SYSTEM_HIGH);
        b.retune(SYSTEM, h, null);
        assertNull(state(b, "r").tunes().get(0).remaining());
        clock.advance(Duration.ofDays(7));
        assertEquals(16, state(b, "r").value());
        b.retune(SYSTEM, h, Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, state(b, "r").value());
    }

    @Test
    void untuneCancelsTheTimer() {
        Coordination b = book("r=hardware:0");
        long h = b.tune(SYSTEM, "r", 16, Duration.ofSeconds(5), SYSTEM_HIGH);
        b.untune(SYSTEM, h);
        assertEquals(0, clock.pending());
        WdException gone = assertThrows(WdException.class, () -> b.untune(SYSTEM, h));
        assertEquals(WdStatus.INVALID_ARGUMENT, gone.status());
        assertThrows(WdException.class, () -> b.retune(SYSTEM, h, MINUTE));
    }

    // ---- a request naming several resources -----------------------------------------------------

    private static java.util.Map<String, Long> values(Object... pairs) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void aRequestForSeveralResourcesTakesEffectAndExpiresTogether() {
        Coordination b = book("hw=hardware:HIGHER_IS_BETTER:0", "w=cpu.workers:INSTANT_APPLY");
        long h = b.tune(SYSTEM, values("hw", 16, "w", 1), Duration.ofSeconds(30), SYSTEM_HIGH);
        assertEquals(16, state(b, "hw").value());
        assertEquals(1, state(b, "w").value());
        assertEquals(List.of("1"), knob.writes);
        assertEquals(h, state(b, "hw").tunes().get(0).handle(), "one handle on every resource it names");
        assertEquals(h, state(b, "w").tunes().get(0).handle());
        assertEquals(1, b.size(), "one request");
        assertEquals(16, b.placement().groups[0].heldBack);
        clock.advance(Duration.ofSeconds(20));
        b.retune(SYSTEM, h, Duration.ofSeconds(30)); // both restart
        clock.advance(Duration.ofSeconds(29));
        assertEquals(16, state(b, "hw").value());
        assertEquals(1, state(b, "w").value());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, state(b, "hw").value(), "expired on every resource at once");
        assertEquals(2, state(b, "w").value());
        assertEquals(List.of("1", "restore"), knob.writes);
        assertEquals(0, b.placement().groups.length);
        assertEquals(0, clock.pending(), "one timer, gone");
    }

    @Test
    void aRequestForSeveralResourcesIsUntunedAndLostWithItsBundleTogether() {
        Coordination b = book("hw=hardware:HIGHER_IS_BETTER:0", "limit=hardware.per.consumer:LOWER_IS_BETTER");
        long h = b.tune(THIRD, values("hw", 8, "limit", 2), MINUTE, THIRD_PARTY_HIGH);
        assertThrows(WdException.class, () -> b.untune(OTHER_THIRD, h), "only its owner");
        b.untune(THIRD, h);
        assertTrue(state(b, "hw").tunes().isEmpty());
        assertTrue(state(b, "limit").tunes().isEmpty());
        b.tune(THIRD, values("hw", 8, "limit", 2), MINUTE, THIRD_PARTY_HIGH);
        assertEquals(1, b.untuneAll(THIRD.bundleId, "stopped"), "one request");
        assertEquals(ResourceState.UNLIMITED, state(b, "limit").value());
        assertEquals(0, state(b, "hw").value());
    }

    @Test
    void aBadResourceOrValueRefusesTheWholeRequest() {
        Coordination b = book("hw=hardware:HIGHER_IS_BETTER:0", "w=cpu.workers:INSTANT_APPLY");
        WdException unknown = assertThrows(WdException.class,
                () -> b.tune(SYSTEM, values("hw", 16, "disk", 1), MINUTE, SYSTEM_HIGH));
        assertEquals(WdStatus.INVALID_ARGUMENT, unknown.status());
        assertThrows(WdException.class, () -> b.tune(SYSTEM, values("hw", 16, "w", -1), MINUTE, SYSTEM_HIGH));
        assertThrows(WdException.class, () -> b.tune(SYSTEM, values(), MINUTE, SYSTEM_HIGH));
        assertEquals(0, b.size());
        assertTrue(state(b, "hw").tunes().isEmpty(), "nothing applied");
        assertTrue(knob.writes.isEmpty());
    }

    @Test
    void aResourceLeavingTheTableLeavesTheRestOfTheRequestInForce() {
        Coordination b = book("hw=hardware:HIGHER_IS_BETTER:0", "w=cpu.workers:INSTANT_APPLY");
        long h = b.tune(SYSTEM, values("hw", 16, "w", 1), MINUTE, SYSTEM_HIGH);
        b.configure(ResourceTable.parse("hw=hardware:HIGHER_IS_BETTER:0"));
        assertEquals(16, state(b, "hw").value());
        assertEquals(1, b.size());
        b.untune(SYSTEM, h);
        assertEquals(0, b.size());
        b.tune(SYSTEM, values("hw", 16), MINUTE, SYSTEM_HIGH);
        b.configure(ResourceTable.parse("w=cpu.workers:INSTANT_APPLY"));
        assertEquals(0, b.size(), "its only resource gone: the request is gone");
        assertEquals(0, clock.pending());
    }

    // ---- the knob ----------------------------------------------------------------------------

    @Test
    void theCpuWorkersInForceAreWrittenAndTheDriversOwnSettingComesBack() {
        Coordination b = book("w=cpu.workers:LOWER_IS_BETTER");
        assertEquals(2, state(b, "w").value(), "no tune: the driver's own setting");
        long one = b.tune(SYSTEM, "w", 1, Duration.ofSeconds(10), SYSTEM_HIGH);
        b.tune(SYSTEM, "w", 3, Duration.ofSeconds(20), SYSTEM_HIGH);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(3, state(b, "w").value());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("1", "3", "restore"), knob.writes, "written when the value in force changes");
        b.untune(SYSTEM, b.tune(SYSTEM, "w", 1, MINUTE, SYSTEM_LOW));
        assertEquals(List.of("1", "3", "restore", "1", "restore"), knob.writes);
        assertTrue(one > 0);
    }

    @Test
    void aConfiguredDefaultIsWrittenBackInsteadOfTheOriginal() {
        Coordination b = book("w=cpu.workers:INSTANT_APPLY:4");
        assertEquals(List.of("4"), knob.writes, "the table's default applies from the start");
        long h = b.tune(SYSTEM, "w", 1, MINUTE, SYSTEM_HIGH);
        b.untune(SYSTEM, h);
        assertEquals(List.of("4", "1", "4"), knob.writes);
        b.close();
        assertEquals(List.of("4", "1", "4", "restore"), knob.writes, "a stopping coordinator puts the original back");
    }

    // ---- who may do what ---------------------------------------------------------------------

    @Test
    void aThirdPartyConsumerCannotTuneAtSystemLevels() {
        Coordination b = book("r=hardware:0");
        for (PriorityLevel level : new PriorityLevel[] { SYSTEM_HIGH, SYSTEM_LOW }) {
            WdException e = assertThrows(WdException.class, () -> b.tune(THIRD, "r", 16, MINUTE, level));
            assertEquals(WdStatus.ACCESS_DENIED, e.status());
            assertTrue(e.getMessage().contains("com.example.picture is a third-party consumer"), e.getMessage());
        }
        assertEquals(0, b.size());
        b.tune(THIRD, "r", 16, MINUTE, THIRD_PARTY_HIGH);
        b.tune(SYSTEM, "r", 1, MINUTE, THIRD_PARTY_LOW); // a system consumer may go lower
        assertEquals(2, b.size());
    }

    @Test
    void onlyTheOwnerOrASystemConsumerRetunesOrUntunes() {
        Coordination b = book("r=hardware:0");
        long h = b.tune(THIRD, "r", 16, MINUTE, THIRD_PARTY_HIGH);
        WdException e = assertThrows(WdException.class, () -> b.untune(OTHER_THIRD, h));
        assertEquals(WdStatus.ACCESS_DENIED, e.status());
        assertEquals(WdStatus.ACCESS_DENIED, assertThrows(WdException.class, () -> b.retune(OTHER_THIRD, h, MINUTE))
                .status());
        b.retune(OTHER_SYSTEM, h, MINUTE);
        b.untune(OTHER_SYSTEM, h);
        assertEquals(0, b.size());
    }

    @Test
    void aStoppingBundleLosesItsTunesAndNobodyElses() {
        Coordination b = book("r=hardware:HIGHER_IS_BETTER:0", "w=cpu.workers:1");
        b.tune(SYSTEM, "r", 16, MINUTE, SYSTEM_HIGH);
        b.tune(SYSTEM, "w", 3, null, SYSTEM_HIGH);
        b.tune(THIRD, "r", 4, MINUTE, THIRD_PARTY_HIGH);
        assertEquals(2, b.untuneAll(SYSTEM.bundleId, "stopped"));
        assertEquals(4, state(b, "r").value());
        assertEquals(1, state(b, "w").value());
        assertEquals(1, b.size());
        assertEquals(1, clock.pending(), "the removed tunes' timers are cancelled");
    }

    @Test
    void argumentsAreChecked() {
        Coordination b = book("r=hardware:0", "w=cpu.workers");
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> b.tune(SYSTEM, "nope", 1, MINUTE, SYSTEM_HIGH)).status());
        WdException unknown = assertThrows(WdException.class, () -> b.tune(SYSTEM, "nope", 1, MINUTE, SYSTEM_HIGH));
        assertTrue(unknown.getMessage().contains("the table has: r, w"), unknown.getMessage());
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> b.tune(SYSTEM, "r", -1, MINUTE, SYSTEM_HIGH)).status());
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> b.tune(SYSTEM, "w", 5000, MINUTE, SYSTEM_HIGH)).status());
        assertEquals(WdStatus.INVALID_ARGUMENT,
                assertThrows(WdException.class, () -> b.tune(SYSTEM, "r", 1, Duration.ZERO, SYSTEM_HIGH)).status());
        assertEquals(WdStatus.INVALID_ARGUMENT, assertThrows(WdException.class,
                () -> b.tune(SYSTEM, "r", 1, Duration.ofSeconds(Long.MAX_VALUE), SYSTEM_HIGH)).status());
        assertEquals(0, b.size());
    }

    // ---- the table -----------------------------------------------------------------------------

    @Test
    void aNewTableKeepsTunesOfResourcesStillThereInTheirNewPolicysOrder() {
        Coordination b = book("r=hardware:INSTANT_APPLY:0", "gone=hardware@x:0");
        b.tune(SYSTEM, "r", 4, MINUTE, SYSTEM_HIGH);
        b.tune(SYSTEM, "r", 16, MINUTE, SYSTEM_HIGH);
        b.tune(SYSTEM, "r", 8, MINUTE, SYSTEM_HIGH);
        b.tune(SYSTEM, "gone", 8, MINUTE, SYSTEM_HIGH);
        assertEquals(8, state(b, "r").value());
        b.configure(ResourceTable.parse("r=hardware:LAZY_APPLY:0"));
        assertEquals(List.of(4L, 16L, 8L), order(b, "r"), "arrival order under FIFO");
        b.configure(ResourceTable.parse("r=hardware:HIGHER_IS_BETTER:0"));
        assertEquals(16, state(b, "r").value());
        assertEquals(3, b.size(), "the tune of the resource that left the table is gone");
        assertEquals(3, clock.pending());
    }

    @Test
    void placementReflectsTheValuesInForce() {
        Coordination b = book("hw=hardware@hisi_zip:HIGHER_IS_BETTER:0", "cap=hardware.per.consumer:LOWER_IS_BETTER");
        assertEquals(0, b.placement().groups.length, "nothing held back by default");
        assertTrue(b.placement().hardwareAllowed(THIRD_PARTY_LOW.ordinal(), 1000));
        long h = b.tune(SYSTEM, "hw", 16, MINUTE, SYSTEM_HIGH);
        b.tune(SYSTEM, "cap", 2, MINUTE, SYSTEM_LOW);
        Placement p = b.placement();
        assertEquals(1, p.groups.length);
        assertEquals(16, p.groups[0].heldBack);
        assertEquals(SYSTEM_HIGH.ordinal(), p.groups[0].level);
        assertEquals("hisi_zip", p.groups[0].driver);
        assertTrue(p.hardwareAllowed(SYSTEM_LOW.ordinal(), 10), "the limit acts on levels below the tune's");
        assertTrue(p.hardwareAllowed(THIRD_PARTY_HIGH.ordinal(), 1));
        assertFalse(p.hardwareAllowed(THIRD_PARTY_HIGH.ordinal(), 2));
        b.untune(SYSTEM, h);
        assertEquals(0, b.placement().groups.length);
    }

    @Test
    void aTableDefaultActsOnTheLevelsBelowSystemHigh() {
        Coordination b = book("cap=hardware.per.consumer:LOWER_IS_BETTER:3");
        assertTrue(b.placement().hardwareAllowed(SYSTEM_HIGH.ordinal(), 100));
        assertFalse(b.placement().hardwareAllowed(SYSTEM_LOW.ordinal(), 3));
        assertEquals(ResourceState.UNLIMITED, state(book("c=hardware.per.consumer"), "c").value());
    }
}
