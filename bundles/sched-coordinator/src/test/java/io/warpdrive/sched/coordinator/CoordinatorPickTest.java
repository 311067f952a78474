package io.warpdrive.sched.coordinator;

import static io.warpdrive.sched.PriorityLevel.SYSTEM_HIGH;
import static io.warpdrive.sched.PriorityLevel.SYSTEM_LOW;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_HIGH;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.testing.sched.SyntheticView;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's placement on synthetic views: instances held back for a level, the
 * per-consumer hardware limit, and otherwise the default policy's order.
 */
class CoordinatorPickTest {
    private static final Owner VIDEO = new Owner("io.warpdrive.video", 11, true);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock();

    private CoordinatorScheduler coordinator(String... table) {
        return new CoordinatorScheduler(ResourceTable.parse(table), clock, Knob.NONE);
    }

    /** Two hardware queues of depth 4 per direction (16 instances) on hisi_zip, and a soft queue. */
    private static SyntheticView view() {
        SyntheticView v = new SyntheticView();
        for (Operation op : Operation.values()) {
            for (int i = 0; i < 2; i++) {
                v.add("hisi_zip", CalcType.HW, 100, 0, 0, 4).operation = op;
            }
            v.add("soft", CalcType.SOFT, 0, 0, 0, 64).operation = op;
        }
        return v;
    }

    private static SyntheticView.Key key(PriorityLevel level) {
        SyntheticView.Key k = new SyntheticView.Key();
        k.priority = level;
        return k;
    }

    /** Puts {@code n} jobs in flight on the hisi_zip compress queues. */
    private static void busy(SyntheticView v, int n) {
        for (SyntheticView.Q q : v.queues) {
            q.inFlight = 0;
        }
        for (SyntheticView.Q q : v.queues) {
            if (q.driver.equals("hisi_zip") && q.operation == Operation.COMPRESS) {
                int take = Math.min(n, q.depth);
                q.inFlight = take;
                n -= take;
            }
        }
    }

    @Test
    void withNoTuneEveryLevelGetsHardwareFirstLikeTheDefaultPolicy() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        SyntheticView v = view();
        busy(v, 1);
        for (PriorityLevel level : PriorityLevel.values()) {
            assertEquals("hisi_zip#1", c.pick(key(level), v).toString(), "the hardware queue with the lower load");
        }
        busy(v, 8);
        assertEquals("soft", c.pick(key(THIRD_PARTY_LOW), v).driver(), "hardware full: the CPU under AUTO");
    }

    @Test
    void instancesHeldBackForSystemHighAreLeftForItWhileLowerLevelsGoToTheCpu() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 3, HOUR, SYSTEM_HIGH);
        SyntheticView v = view();
        busy(v, 4); // 4 of 8 compress instances free: lower levels may take one more
        assertEquals("hisi_zip", c.pick(key(THIRD_PARTY_LOW), v).driver());
        busy(v, 5); // 3 free: all held back
        for (PriorityLevel lower : new PriorityLevel[] { SYSTEM_LOW, THIRD_PARTY_HIGH, THIRD_PARTY_LOW }) {
            assertEquals("soft", c.pick(key(lower), v).driver(), lower + " uses what is left, then the CPU");
        }
        assertEquals("hisi_zip", c.pick(key(SYSTEM_HIGH), v).driver(), "the level in force takes its instances");
        busy(v, 7);
        assertEquals("hisi_zip", c.pick(key(SYSTEM_HIGH), v).driver());
        SyntheticView.Key decompress = key(THIRD_PARTY_LOW);
        decompress.operation = Operation.DECOMPRESS;
        assertEquals("hisi_zip", c.pick(decompress, v).driver(), "each direction has its own instances");
    }

    @Test
    void heldBackInstancesStayHeldBackFromLowerLevelsHoweverSoonTheyWouldFinish() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 3, HOUR, SYSTEM_HIGH);
        SyntheticView v = view();
        for (SyntheticView.Q q : v.queues) {
            q.predicts(q.driver.equals("soft") ? 600 : 100, q.driver.equals("soft") ? 600 : 100);
        }
        busy(v, 5); // 3 free: all held back for SYSTEM_HIGH
        assertEquals("soft", c.pick(key(THIRD_PARTY_LOW), v).driver(), "the hold-back is the coordinator's guarantee");
        assertEquals("hisi_zip", c.pick(key(SYSTEM_HIGH), v).driver());
        busy(v, 0);
        for (SyntheticView.Q q : v.queues) {
            q.predicts(q.driver.equals("soft") ? 10 : 40, q.driver.equals("soft") ? 10 : 40);
        }
        assertEquals("soft", c.pick(key(SYSTEM_HIGH), v).driver(),
                "within what the levels allow the soonest finish wins, even for the level holding hardware");
    }

    @Test
    void aHardwareOnlyRequestOfALowerLevelGetsNothingFromTheHeldBackInstances() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 8, HOUR, SYSTEM_HIGH);
        SyntheticView.Key k = key(THIRD_PARTY_HIGH);
        k.fallback = FallbackPolicy.HARDWARE_ONLY;
        assertNull(c.pick(k, view()), "nothing it may use: the platform decides (waits, or sweeps)");
    }

    /**
     * The platform's own choices — its built-in pick when nothing the coordinator allows has room (the
     * CPU full too), the sweep for a free slot before a request waits, slots handed to waiting
     * HARDWARE_ONLY requests — go by {@code admits}: it refuses held-back instances to lower levels.
     * The platform asks before taking a slot and again once it holds it (its slot then counts).
     */
    @Test
    void heldBackInstancesAreNotAdmittedToLowerLevelsSoThePlatformsOwnChoicesLeaveThemAlone() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 3, HOUR, SYSTEM_HIGH);
        SyntheticView v = view();
        SyntheticView.Q hw = v.queues.get(0);
        SyntheticView.Q cpu = v.queues.get(2);
        assertEquals("soft", cpu.driver);
        c.pick(key(SYSTEM_HIGH), v); // the platform picks before it sweeps or hands slots over
        SyntheticView.Key low = key(THIRD_PARTY_LOW);
        SyntheticView.Key hardwareOnly = key(SYSTEM_LOW);
        hardwareOnly.fallback = FallbackPolicy.HARDWARE_ONLY;
        busy(v, 4); // 4 of 8 free: one more than held back
        assertTrue(c.admits(low, hw), "before taking the last instance above those held back");
        busy(v, 5); // the same request, holding its slot: 3 free, all held back
        assertTrue(c.admits(low, hw), "and once it holds it");
        busy(v, 6); // 2 free: taking one takes a held-back instance
        for (SyntheticView.Key k : new SyntheticView.Key[] { low, hardwareOnly }) {
            assertFalse(c.admits(k, hw), k.priority + " " + k.fallback + " gets no held-back instance");
            assertFalse(c.admits(k, v.queues.get(1)), "on any queue of the group");
        }
        assertTrue(c.admits(low, cpu), "the CPU stays open to every level");
        assertTrue(c.admits(key(SYSTEM_HIGH), hw), "the level in force takes its instances");
        SyntheticView.Key decompress = key(THIRD_PARTY_LOW);
        decompress.operation = Operation.DECOMPRESS;
        assertTrue(c.admits(decompress, v.queues.get(3)), "each direction has its own instances");
        assertNull(c.pick(hardwareOnly, v), "nothing the lower HARDWARE_ONLY request may use: it waits");
        clock.advance(Duration.ofHours(2));
        assertTrue(c.admits(low, hw), "the tune expired: nothing is held back");
    }

    @Test
    void aConsumerAtItsHardwareLimitIsNotAdmittedToHardware() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware.per.consumer", 2, HOUR, SYSTEM_HIGH);
        SyntheticView v = view();
        c.pick(key(SYSTEM_HIGH), v);
        SyntheticView.Key picture = key(THIRD_PARTY_LOW);
        picture.hardwareInFlight = 2;
        assertFalse(c.admits(picture, v.queues.get(0)));
        assertTrue(c.admits(picture, v.queues.get(2)), "the CPU");
        picture.hardwareInFlight = 1;
        assertTrue(c.admits(picture, v.queues.get(0)));
    }

    @Test
    void aMiddleLevelTuneProtectsItsLevelAndTheOnesAboveFromTheOnesBelow() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(new Owner("com.example.album", 30, false), "hardware", 4, HOUR, THIRD_PARTY_HIGH);
        SyntheticView v = view();
        busy(v, 4);
        assertEquals("soft", c.pick(key(THIRD_PARTY_LOW), v).driver());
        assertEquals("hisi_zip", c.pick(key(THIRD_PARTY_HIGH), v).driver());
        assertEquals("hisi_zip", c.pick(key(SYSTEM_LOW), v).driver());
    }

    @Test
    void aGroupTargetCoversOnlyItsDriverOrDevice() {
        CoordinatorScheduler c = coordinator("hw=hardware@other:HIGHER_IS_BETTER:0");
        c.book().tune(VIDEO, "hw", 100, HOUR, SYSTEM_HIGH);
        assertEquals("hisi_zip", c.pick(key(THIRD_PARTY_LOW), view()).driver(), "hisi_zip is not in the group");
        CoordinatorScheduler device = coordinator("hw=hardware@hisi_zip/hisi_zip-0:HIGHER_IS_BETTER:0");
        device.book().tune(VIDEO, "hw", 100, HOUR, SYSTEM_HIGH);
        assertEquals("soft", device.pick(key(THIRD_PARTY_LOW), view()).driver(), "SyntheticView's device is DRIVER-0");
    }

    @Test
    void aConsumerAtItsHardwareLimitGoesToTheCpu() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware.per.consumer", 2, HOUR, SYSTEM_HIGH);
        SyntheticView.Key picture = key(THIRD_PARTY_LOW);
        picture.hardwareInFlight = 1;
        assertEquals("hisi_zip", c.pick(picture, view()).driver());
        picture.hardwareInFlight = 2;
        assertEquals("soft", c.pick(picture, view()).driver());
        SyntheticView.Key video = key(SYSTEM_HIGH);
        video.hardwareInFlight = 50;
        assertEquals("hisi_zip", c.pick(video, view()).driver(), "the limit acts below the level it comes from");
    }

    @Test
    void theConsumersOwnReservedQueueIsNeverHeldBackFromIt() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 100, HOUR, SYSTEM_HIGH);
        c.book().tune(VIDEO, "hardware.per.consumer", 0, HOUR, SYSTEM_HIGH);
        SyntheticView v = view();
        SyntheticView.Q reserved = v.add("hisi_zip", CalcType.HW, 100, 0, 3, 4);
        reserved.reservedBy = 7;
        SyntheticView.Key picture = key(THIRD_PARTY_LOW);
        picture.consumerId = 7;
        assertSame(reserved, c.pick(picture, v));
        picture.consumerId = 8;
        assertEquals("soft", c.pick(picture, v).driver(), "another consumer's reservation is not for it");
    }

    @Test
    void nearestNodeThenLowestLoadAmongEqualDrivers() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        SyntheticView v = new SyntheticView();
        v.add("hisi_zip", CalcType.HW, 100, 0, 0, 4);
        SyntheticView.Q near = v.add("hisi_zip", CalcType.HW, 100, 1, 2, 4);
        SyntheticView.Key k = key(THIRD_PARTY_LOW);
        k.node = 1;
        assertSame(near, c.pick(k, v));
        k.node = -1;
        assertEquals(0, c.pick(k, v).index());
    }

    @Test
    void whenTheTuneExpiresLowerLevelsGetTheHardwareBack() {
        CoordinatorScheduler c = coordinator(ResourceTable.DEFAULT);
        c.book().tune(VIDEO, "hardware", 8, Duration.ofSeconds(5), SYSTEM_HIGH);
        SyntheticView v = view();
        assertEquals("soft", c.pick(key(THIRD_PARTY_LOW), v).driver());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("hisi_zip", c.pick(key(THIRD_PARTY_LOW), v).driver());
    }
}
