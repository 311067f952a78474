package io.warpdrive.sched.coordinator;

import static io.warpdrive.sched.PriorityLevel.SYSTEM_HIGH;
import static io.warpdrive.sched.PriorityLevel.SYSTEM_LOW;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_HIGH;
import static io.warpdrive.sched.PriorityLevel.THIRD_PARTY_LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
