package io.warpdrive.sched.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.sched.priority.PriorityScheduler;
import io.warpdrive.testing.sched.SyntheticView;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The contention case in short, in simulated time: 64 hardware instances (64 one-slot queues)
 * and a CPU fallback of two workers, wanted by 110 consumers that each send one AUTO request
 * after another — 10 video consumers at SYSTEM_HIGH and 100 picture consumers at
 * THIRD_PARTY_LOW. A request takes 100 µs on an instance and 1 ms on a CPU worker; 20 ms are
 * simulated. Where the policy places nothing, the platform's own choices are modelled as the
 * engine makes them: its built-in pick takes a queue with room the policy admits, and it asks the
 * policy again once it holds the slot. With the coordinator (the videos holding 16 instances back
 * at SYSTEM_HIGH) every video request is served by hardware, no picture consumer starves, and no
 * picture request ever takes a held-back instance; with the default policy the videos queue for
 * instances behind the pictures and complete far fewer requests. Decisions and counters, no
 * wall-clock figure (the measurement on the emulated device is {@code SeedScenarioMeasurement}).
 */
class ContentionScenarioTest {
    private static final int INSTANCES = 64;
    private static final int CPU_WORKERS = 2;
    private static final int VIDEOS = 10;
    private static final int PICTURES = 100;
    private static final long HELD_BACK = 16;
    private static final long HARDWARE_NANOS = 100_000;
    private static final long CPU_NANOS = 1_000_000;
    private static final long RUN_NANOS = 20_000_000;

    /** One consumer's thread: one request at a time, and what it got. */
    private static final class Consumer {
        final SyntheticView.Key key = new SyntheticView.Key();
        final boolean video;
        long completed;
        long onHardware;

        Consumer(int id, boolean video) {
            this.video = video;
            key.consumerId = id;
            key.consumer = (video ? "io.warpdrive.video-" : "com.example.picture-") + id;
            key.priority = video ? PriorityLevel.SYSTEM_HIGH : PriorityLevel.THIRD_PARTY_LOW;
            key.session = new SyntheticView.Session();
        }
    }

    /** What a run counted. */
    private record Result(long videoRequests, long videoOnHardware, long fewestPictureRequests, long pictureOnHardware,
            long heldBackTaken) {
        double videoHardwareShare() {
            return videoOnHardware / (double) videoRequests;
        }
    }

    @Test
    void withTheCoordinatorVideoKeepsTheHardwareAndNoPictureStarves() {
        CoordinatorScheduler coordinator = new CoordinatorScheduler(ResourceTable.defaults(), new ManualClock(),
                Knob.NONE);
        coordinator.book().tune(new Owner("io.warpdrive.video", 1, true), "hardware", HELD_BACK, Duration.ofHours(1),
                PriorityLevel.SYSTEM_HIGH);
        Result coordinated = run(coordinator);
        Result plain = run(new PriorityScheduler());

        assertEquals(1.0, coordinated.videoHardwareShare(), "every video request on hardware");
        assertEquals(0, coordinated.heldBackTaken(), "no picture request took a held-back instance");
        assertTrue(coordinated.fewestPictureRequests() > 0, "no picture consumer starved");
        assertTrue(coordinated.pictureOnHardware() > 0, "pictures use the instances not held back");
        assertEquals(VIDEOS * (RUN_NANOS / HARDWARE_NANOS), coordinated.videoRequests(),
                "each video request is served at once: one per 100 µs per video consumer");
        assertTrue(coordinated.videoRequests() >= 1.5 * plain.videoRequests(), "videos complete "
                + coordinated.videoRequests() + " requests with the coordinator, " + plain.videoRequests() + " without");
        assertTrue(plain.fewestPictureRequests() > 0);
    }

    private static Result run(Scheduler policy) {
        SyntheticView view = new SyntheticView();
        for (int i = 0; i < INSTANCES; i++) {
            view.add("hisi_zip", CalcType.HW, 100, 0, 0, 1);
        }
        SyntheticView.Q cpu = view.add("soft", CalcType.SOFT, 0, 0, 0, CPU_WORKERS);
        Consumer[] consumers = new Consumer[VIDEOS + PICTURES];
        Deque<Consumer> ready = new ArrayDeque<>();
        for (int i = 0; i < consumers.length; i++) {
            // the pictures ask first: they fill the hardware before the videos come
            consumers[i] = new Consumer(i, i >= PICTURES);
            ready.add(consumers[i]);
        }
        PriorityQueue<long[]> completions = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long now = 0;
        long heldBackTaken = 0;
        for (;;) {
            // Every waiting consumer tries, in arrival order; those that find no room wait on.
            for (int n = ready.size(); n > 0 && (freeInstances(view) > 0 || cpu.inFlight < cpu.depth); n--) {
                Consumer c = ready.poll();
                SyntheticView.Q q = place(policy, view, c.key);
                if (q == null) {
                    ready.add(c);
                    continue;
                }
                if (q != cpu) {
                    if (!c.video && freeInstances(view) < HELD_BACK) {
                        heldBackTaken++;
                    }
                    c.key.hardwareInFlight++;
                }
                completions.add(new long[] { now + (q == cpu ? CPU_NANOS : HARDWARE_NANOS), c.key.consumerId,
                        q.index });
            }
            long[] next = completions.poll();
            if (next == null || next[0] > RUN_NANOS) {
                break;
            }
            now = next[0];
            Consumer c = consumers[(int) next[1]];
            SyntheticView.Q q = view.queues.get((int) next[2]);
            q.inFlight--;
            c.completed++;
            if (q != cpu) {
                c.onHardware++;
                c.key.hardwareInFlight--;
            }
            ready.add(c);
        }
        long videoRequests = 0;
        long videoOnHardware = 0;
        long fewestPictures = Long.MAX_VALUE;
        long pictureOnHardware = 0;
        for (Consumer c : consumers) {
            if (c.video) {
                videoRequests += c.completed;
                videoOnHardware += c.onHardware;
            } else {
                fewestPictures = Math.min(fewestPictures, c.completed);
                pictureOnHardware += c.onHardware;
            }
        }
        return new Result(videoRequests, videoOnHardware, fewestPictures, pictureOnHardware, heldBackTaken);
    }

    /**
     * The engine's placement: the policy's pick, else (AUTO never stalls while a queue has room)
     * its built-in pick among the queues the policy admits; the slot is taken, then the policy is
     * asked again and a refused slot given back.
     */
    private static SyntheticView.Q place(Scheduler policy, SyntheticView view, SyntheticView.Key key) {
        QueueInfo picked = policy.pick(key, view);
        if (picked == null) {
            for (SyntheticView.Q q : view.queues) { // hardware first, as the built-in pick where nothing is known
                if (q.canTake(key) && policy.admits(key, q)) {
                    picked = q;
                    break;
                }
            }
        }
        if (picked == null) {
            return null;
        }
        SyntheticView.Q q = (SyntheticView.Q) picked;
        q.inFlight++;
        if (!policy.admits(key, q)) {
            q.inFlight--;
            return null;
        }
        return q;
    }

    private static long freeInstances(SyntheticView view) {
        long free = 0;
        for (SyntheticView.Q q : view.queues) {
            if (q.type.isHardware()) {
                free += q.depth - q.inFlight;
            }
        }
        return free;
    }
}
