package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.core.engine.health.QuarantineRules;
import io.warpdrive.core.engine.health.VerifyShares;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantine on a fake clock: the known-answer probe brings a device back when it passes, the flap
 * limit keeps it out until an administrator resets it, and device errors within an hour isolate it.
 */
class QuarantineTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private TestPlatform p;
    private FakeDriver hw;
    @TempDir
    Path dir;
    /** Where the platform keeps its quarantines, or null (not kept). */
    private File keptIn;
    /** What the hardware device says of itself (part of its identity). */
    private Map<String, String> hwAttributes = Map.of("fake", "true");

    private void start(QuarantineRules rules) {
        start(rules, b -> { });
    }

    private void start(QuarantineRules rules, Consumer<Settings.Builder> more) {
        Settings.Builder b = new Settings.Builder();
        b.pickByFinishTime = false; // the hardware (priority 100) serves while it may
        b.verifyShares = VerifyShares.all(100);
        b.quarantineRules = rules;
        more.accept(b);
        p = new TestPlatform(b.build(), now::get);
        p.engine.quarantine().keepIn(keptIn); // as the engine's activation does with its data folder
        hw = new FakeDriver("hw", CalcType.HW, 100);
        hw.gzip = true;
        hw.devices.get(0).attributes = hwAttributes;
        p.add(hw);
        FakeDriver cpu = new FakeDriver("cpu", CalcType.SOFT, 0);
        cpu.gzip = true;
        p.add(cpu);
    }

    /** One gzip compression of text; who served it. */
    private String compress() {
        byte[] text = "to be or not to be, that is the question; ".repeat(200).getBytes();
        try (Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP))) {
            Request r = s.newRequest().operation(Operation.COMPRESS);
            s.execute(r.source(ByteBuffer.wrap(text)).destination(ByteBuffer.allocate(16_384)));
            return r.servedBy();
        }
    }

    private Quarantine quarantine() {
        return p.engine.quarantine();
    }

    private String refused() {
        for (ModelInfo m : p.platform().models()) {
            if (m.device().equals("hw-0")) {
                return m.refused();
            }
        }
        return null;
    }

    /** Runs the probes that are due on this thread; how many ran. */
    private int probe() {
        return quarantine().probeDue(Runnable::run);
    }

    private void quarantineByFlip() {
        hw.bitFlips.set(1);
        assertEquals("cpu", compress(), "the flipped output was served elsewhere");
        assertTrue(refused().startsWith(Quarantine.QUARANTINED), refused());
    }

    @Test
    void theProbeBringsADeviceBackWhenItPassesAndNotBefore() throws Exception {
        start(QuarantineRules.of(0, 60, 0, 60));
        try (TestPlatform platform = p) {
            assertEquals("hw", compress());
            quarantineByFlip();
            assertEquals("cpu", compress());
            now.addAndGet(30_000_000_000L);
            assertEquals(0, probe(), "not due before the interval");
            hw.bitFlips.set(1_000_000); // still wrong: the probe's known-answer test fails
            now.addAndGet(30_000_000_000L);
            assertEquals(1, probe());
            assertTrue(refused().startsWith(Quarantine.QUARANTINED), "a failed probe keeps it out: " + refused());
            assertEquals("cpu", compress());
            hw.bitFlips.set(0); // healthy again
            assertEquals(0, probe(), "the next probe is one interval after the last");
            now.addAndGet(60_000_000_000L);
            assertEquals(1, probe());
            assertNull(refused(), "passed the probe");
            assertNull(quarantine().reason("hw-0"));
            assertEquals("hw", compress(), "the device gets traffic again");
        }
    }

    @Test
    void theFlapLimitKeepsADeviceOutUntilAnAdministratorResetsIt() throws Exception {
        start(QuarantineRules.of(0, 60, 2, 60));
        try (TestPlatform platform = p) {
            quarantineByFlip();
            now.addAndGet(MINUTE);
            assertEquals(1, probe());
            assertEquals("hw", compress());
            quarantineByFlip(); // the second quarantine within 60 minutes: the flap limit
            assertTrue(quarantine().heldOut("hw-0"));
            assertTrue(refused().contains("wd:devices --reset hw-0"), refused());
            now.addAndGet(10 * MINUTE);
            assertEquals(0, probe(), "a held-out device is not probed");
            assertEquals("cpu", compress());
            assertTrue(quarantine().reset("hw-0"));
            assertFalse(quarantine().reset("hw-0"), "nothing left to reset");
            assertNull(refused());
            assertEquals("hw", compress());
            // its flap history is forgotten: one more quarantine is not held out
            quarantineByFlip();
            assertFalse(quarantine().heldOut("hw-0"));
        }
    }

    @Test
    void quarantinesFurtherApartThanTheWindowAreNoFlapping() throws Exception {
        start(QuarantineRules.of(0, 60, 2, 60));
        try (TestPlatform platform = p) {
            quarantineByFlip();
            now.addAndGet(61 * MINUTE);
            assertEquals(1, probe());
            quarantineByFlip();
            assertFalse(quarantine().heldOut("hw-0"), "61 minutes apart");
        }
    }

    @Test
    void deviceErrorsWithinAnHourIsolateTheDeviceUntilTheProbePasses() throws Exception {
        start(QuarantineRules.of(3, 60, 0, 60));
        try (TestPlatform platform = p) {
            hw.failWith = WdStatus.DEVICE_ERROR;
            assertEquals("cpu", compress(), "AUTO: a device error goes to the CPU");
            now.addAndGet(61 * MINUTE); // the first error falls out of the hour
            assertEquals("cpu", compress());
            assertNull(refused(), "two errors within the hour");
            now.addAndGet(MINUTE);
            assertEquals("cpu", compress());
            assertNull(refused(), "still two within the hour");
            assertEquals("cpu", compress());
            assertTrue(refused() != null && refused().contains("3 device errors within an hour"), refused());
            hw.failWith = null;
            assertEquals("cpu", compress(), "an isolated device gets no traffic");
            now.addAndGet(MINUTE);
            assertEquals(1, probe());
            assertNull(refused(), "recovered by the probe");
            assertEquals("hw", compress());
        }
    }

    /** Sends {@code n} gzip compressions without waiting; their answers. */
    private List<CompletableFuture<Request>> submit(int n) {
        byte[] text = "a queue that never answers. ".repeat(100).getBytes();
        List<CompletableFuture<Request>> answers = new ArrayList<>();
        Session s = p.compressorFor("stuck").openSession(SessionSpec.of(Algorithm.GZIP));
        for (int i = 0; i < n; i++) {
            CompletableFuture<Request> f = new CompletableFuture<>();
            s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(text))
                    .destination(ByteBuffer.allocate(16_384)), f::complete);
            answers.add(f);
        }
        return answers;
    }

    /** Every answer came from the CPU engine, without an error. */
    private static void servedByTheCpu(List<CompletableFuture<Request>> answers) throws Exception {
        for (CompletableFuture<Request> f : answers) {
            Request r = f.get(30, TimeUnit.SECONDS);
            assertNull(r.error(), () -> String.valueOf(r.error()));
            assertEquals("cpu", r.servedBy());
        }
    }

    /** The hardware's open queues. */
    private List<QueueInfo> hardwareQueues() {
        List<QueueInfo> list = new ArrayList<>();
        for (int i = 0; i < p.platform().queues().size(); i++) {
            if (p.platform().queues().get(i).driver().equals("hw")) {
                list.add(p.platform().queues().get(i));
            }
        }
        return list;
    }

    private int hardwareJobsInFlight() {
        return hardwareQueues().stream().mapToInt(QueueInfo::inFlight).sum();
    }

    private boolean hardwareQueueOpen() {
        return hardwareQueues().stream().anyMatch(q -> q.operation() == Operation.COMPRESS);
    }

    @Test
    void aStuckQueueIsOneDeviceErrorHoweverManyJobsItHeld() throws Exception {
        // Two errors an hour isolate; the watchdog's job timeout is 1 s on the fake clock.
        start(QuarantineRules.of(2, 60, 0, 60), b -> {
            b.queuesDefault = 1; // one compression queue on the device: every job below goes to it
            b.jobTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(200);
        });
        try (TestPlatform platform = p) {
            hw.onSend = (queue, job) -> queue.stuck = true; // accepted, never answered, left behind at close
            List<CompletableFuture<Request>> first = submit(5);
            TestPlatform.await("five jobs in flight on the device", () -> hardwareJobsInFlight() == 5);
            now.addAndGet(TimeUnit.SECONDS.toNanos(1)); // past the job timeout: the watchdog closes the queue
            servedByTheCpu(first);
            assertNull(refused(), "one stuck queue is one device error, not five");

            TestPlatform.await("the stuck queue replaced", () -> hardwareJobsInFlight() == 0 && hardwareQueueOpen());
            List<CompletableFuture<Request>> second = submit(1);
            TestPlatform.await("a job in flight on the new queue", () -> hardwareJobsInFlight() == 1);
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            servedByTheCpu(second);
            assertTrue(refused() != null && refused().contains("2 device errors within an hour"),
                    "a second stuck queue within the hour is the second error: " + refused());
        }
    }

    /** A platform that keeps its quarantines in the test's data folder, with the hardware device quarantined. */
    private void quarantinedKeepingItIn(QuarantineRules rules) {
        keptIn = dir.resolve("quarantine.properties").toFile();
        start(rules);
        quarantineByFlip();
    }

    /** The platform restarted on the same data folder: its engine is new, the hardware device the same. */
    private void restart(QuarantineRules rules) throws Exception {
        p.close();
        start(rules);
        TestPlatform.await("the hardware's queue", this::hardwareQueueOpen);
    }

    @Test
    void aQuarantineIsKeptAcrossARestartUntilTheProbePasses() throws Exception {
        QuarantineRules rules = QuarantineRules.of(0, 60, 0, 60);
        quarantinedKeepingItIn(rules);
        TestPlatform.await("kept in the data folder", keptIn::isFile);
        restart(rules);
        try (TestPlatform platform = p) {
            assertTrue(refused() != null && refused().startsWith(Quarantine.QUARANTINED)
                    && refused().contains("compress-and-verify"), "still out after the restart: " + refused());
            assertEquals("cpu", compress());
            now.addAndGet(MINUTE);
            assertEquals(1, probe(), "probed like any quarantined device");
            assertNull(refused());
            assertEquals("hw", compress());
            TestPlatform.await("nothing quarantined, nothing kept", () -> !keptIn.exists());
        }
    }

    /**
     * The quarantine is decided on the thread that completed the job; its file is written on the
     * engine's admin thread: held up by a task there, the file is not written until it goes on.
     */
    @Test
    void aQuarantineIsWrittenToItsFileOnTheAdminThreadNotTheCompletingOne() throws Exception {
        keptIn = dir.resolve("quarantine.properties").toFile();
        start(QuarantineRules.of(0, 60, 0, 60));
        try (TestPlatform platform = p) {
            java.util.concurrent.CountDownLatch adminHeld = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch adminRuns = new java.util.concurrent.CountDownLatch(1);
            p.engine.admin().execute(() -> {
                adminRuns.countDown();
                try {
                    adminHeld.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(adminRuns.await(10, java.util.concurrent.TimeUnit.SECONDS));
            quarantineByFlip();
            assertFalse(keptIn.exists(), "not written by the thread that completed the job");
            adminHeld.countDown();
            TestPlatform.await("written by the admin thread", keptIn::isFile);
        }
    }

    @Test
    void aKeptQuarantineIsDroppedWhenTheDeviceIdentityChanges() throws Exception {
        QuarantineRules rules = QuarantineRules.of(0, 60, 0, 60);
        quarantinedKeepingItIn(rules);
        hwAttributes = Map.of("fake", "true", "firmware", "2"); // another device under the same name
        restart(rules);
        try (TestPlatform platform = p) {
            assertNull(refused(), "another identity: the quarantine kept is not its own");
            assertEquals("hw", compress());
            TestPlatform.await("the stale quarantine dropped from the data folder", () -> !keptIn.exists());
        }
    }

    @Test
    void aHeldOutDeviceStaysOutAcrossARestartUntilAnAdministratorResetsIt() throws Exception {
        QuarantineRules rules = QuarantineRules.of(0, 60, 1, 60); // the first quarantine reaches the flap limit
        quarantinedKeepingItIn(rules);
        assertTrue(quarantine().heldOut("hw-0"));
        restart(rules);
        assertTrue(quarantine().heldOut("hw-0"), "still waiting for an administrator");
        now.addAndGet(61 * MINUTE);
        assertEquals(0, probe(), "a held-out device is not probed");
        assertEquals("cpu", compress());
        assertTrue(quarantine().reset("hw-0"));
        TestPlatform.await("the reset clears what was kept", () -> Files.notExists(keptIn.toPath()));
        restart(rules);
        try (TestPlatform platform = p) {
            assertNull(refused());
            assertEquals("hw", compress());
        }
    }
}
