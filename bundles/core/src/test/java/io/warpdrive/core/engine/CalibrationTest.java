package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.model.DeviceModel;
import io.warpdrive.core.model.ModelStore;
import io.warpdrive.core.model.RequestClass;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Calibration when a driver registers: models learned before the first request, a wrong engine refused. */
class CalibrationTest {

    private static TestPlatform calibrating() {
        Settings.Builder b = new Settings.Builder();
        b.calibrate = true;
        return new TestPlatform(b.build());
    }

    private static ModelInfo model(TestPlatform p, String driver) {
        for (ModelInfo m : p.platform().models()) {
            if (m.driver().equals(driver)) {
                return m;
            }
        }
        throw new AssertionError("no model of " + driver);
    }

    @Test
    void anEngineWhoseOutputIsWrongGetsNoTrafficAndSaysWhy() throws Exception {
        try (TestPlatform p = calibrating()) {
            FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
            right.gzip = true;
            FakeDriver wrong = new FakeDriver("wrong", CalcType.HW, 100); // copies: its "gzip" is the input itself
            p.add(right);
            p.add(wrong);
            TestPlatform.await("the wrong engine refused", () -> model(p, "wrong").refused() != null);
            TestPlatform.await("the right engine calibrated",
                    () -> model(p, "right").samples(Operation.COMPRESS, Algorithm.GZIP, 1, 65_536) > 0);
            assertTrue(model(p, "wrong").refused().contains("not valid gzip"), model(p, "wrong").refused());
            assertNull(model(p, "right").refused());
            for (int size : new int[] { 4096, 65_536, 262_144 }) {
                assertTrue(model(p, "right").predictNanos(Operation.COMPRESS, Algorithm.GZIP, 1, size, true) > 0,
                        "a prediction for " + size + " bytes before the first request");
            }
            try (Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP))) {
                Request r = s.newRequest().operation(Operation.COMPRESS);
                for (int i = 0; i < 100; i++) {
                    s.execute(r.source(ByteBuffer.wrap(new byte[4096])).destination(ByteBuffer.allocate(8192)));
                    assertEquals("right", r.servedBy(), "request " + i);
                }
            }
            assertNotNull(p.platform().queues());
        }
    }

    @Test
    void aPlatformWhoseCommandSendsNoRequestDoesNotCalibrateWhateverTheConfigurationSays() throws Exception {
        try (TestPlatform p = calibrating()) {
            p.engine.calibrations().offForPlatform(true);
            FakeDriver wrong = new FakeDriver("wrong", CalcType.HW, 100);
            p.add(wrong);
            for (var b : p.engine.drivers().all()) {
                assertNull(b.calibration(), "no calibration thread for " + b.name());
            }
            assertEquals(0, model(p, "wrong").samples(Operation.COMPRESS, Algorithm.GZIP, 1, 4096));
            assertNull(model(p, "wrong").refused(), "not self-tested, so not refused either");
        }
    }

    @Test
    void withCalibrationOnForThePlatformTheSelfTestStillRefusesAWrongEngine() throws Exception {
        try (TestPlatform p = calibrating()) {
            p.engine.calibrations().offForPlatform(false); // a one-shot compress: the launcher leaves it on
            FakeDriver wrong = new FakeDriver("wrong", CalcType.HW, 100);
            p.add(wrong);
            TestPlatform.await("the wrong engine refused", () -> model(p, "wrong").refused() != null);
        }
    }

    @Test
    void aKeptModelTheCalibrationAtStartDisagreesWithIsLearnedAfreshAndTheLogSaysSo() throws Exception {
        try (TestPlatform p = calibrating()) {
            List<String> infos = new CopyOnWriteArrayList<>();
            p.engine.log().use(RecordingLogger.keeping("info", infos));
            FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
            right.gzip = true;
            // What a restart finds in the data folder: this device compressing 4 KiB of text in a second.
            int cell = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096);
            DeviceModel before = new DeviceModel("right", "right-0", false, 1);
            for (int i = 0; i < 50; i++) {
                before.calibrated(cell, 4096, 1_000_000_000L, i);
            }
            String identity = ModelStore.identity("right", "0", right.devices().get(0));
            p.engine.models().preload(Map.of(identity, Map.of(cell, before.service().save(cell))));
            p.add(right);
            TestPlatform.await("the calibration at start replaced the kept model",
                    () -> infos.stream().anyMatch(m -> m.contains("learned afresh")));
            String line = infos.stream().filter(m -> m.contains("learned afresh")).findFirst().orElseThrow();
            assertTrue(line.startsWith("device right-0 of driver right: the model kept in the data folder disagreed"),
                    line);
            assertTrue(line.contains("gzip compress fast 4 KiB: kept 1000000.0 µs, calibrated "), line);
            assertTrue(p.engine.models().find(identity).serviceNanos(cell, 4096) < 500_000_000L,
                    "the device as the run measured it");
        }
    }

    /** The model of {@code driver}'s device as a restart finds it: one cell learned, and a self-test passed then. */
    private static String keepModel(TestPlatform p, FakeDriver driver, long passedMillis) {
        int cell = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096);
        DeviceModel before = new DeviceModel(driver.name(), driver.devices().get(0).name(), false, 1);
        for (int i = 0; i < 50; i++) {
            before.calibrated(cell, 4096, 100_000L, i);
        }
        String identity = ModelStore.identity(driver.name(), "0", driver.devices().get(0));
        p.engine.models().preload(Map.of(identity, Map.of(cell, before.service().save(cell),
                ModelStore.SELF_TEST_PASSED, Long.toString(passedMillis))));
        return identity;
    }

    private static void awaitCalibrationsEnded(TestPlatform p) throws InterruptedException {
        for (var b : p.engine.drivers().all()) {
            Thread t = b.calibration();
            if (t != null) {
                t.join(30_000);
                assertTrue(!t.isAlive(), "the calibration of " + b.name() + " ended");
            }
        }
    }

    @Test
    void aOneShotCommandReusesAKeptModelWhoseSelfTestPassedAndCalibratesTheOthers() throws Exception {
        try (TestPlatform p = calibrating()) {
            p.engine.calibrations().reuseKept(true);
            List<String> infos = new CopyOnWriteArrayList<>();
            p.engine.log().use(RecordingLogger.keeping("info", infos));
            // A "wrong" engine (it copies) with a recent kept pass is not tested again; "fresh" has nothing kept.
            FakeDriver kept = new FakeDriver("kept", CalcType.HW, 100);
            String identity = keepModel(p, kept, System.currentTimeMillis() - 60_000);
            FakeDriver fresh = new FakeDriver("fresh", CalcType.HW, 100);
            p.add(kept);
            p.add(fresh);
            TestPlatform.await("the unkept engine self-tested (and refused: it copies)", () -> model(p, "fresh").refused() != null);
            awaitCalibrationsEnded(p);
            assertNull(model(p, "kept").refused(), "its kept pass stands");
            assertEquals(0, model(p, "kept").samples(Operation.COMPRESS, Algorithm.GZIP, 1, 65_536),
                    "no calibration job ran on it");
            assertTrue(p.engine.models().find(identity).serviceNanos(
                    RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 4096), 4096) > 0, "the kept model serves");
            assertTrue(infos.stream().anyMatch(m -> m.startsWith("device kept-0 of driver kept not calibrated: its kept model")),
                    infos.toString());
        }
    }

    @Test
    void aKeptPassOlderThanADayOrAPlatformThatDoesNotReuseCalibratesAgain() throws Exception {
        try (TestPlatform p = calibrating()) {
            p.engine.calibrations().reuseKept(true);
            FakeDriver old = new FakeDriver("old", CalcType.HW, 100);
            keepModel(p, old, System.currentTimeMillis() - 25L * 3600 * 1000);
            p.add(old);
            TestPlatform.await("a day-old pass is tested again (and refused)", () -> model(p, "old").refused() != null);
        }
        try (TestPlatform p = calibrating()) {
            FakeDriver recent = new FakeDriver("recent", CalcType.HW, 100);
            keepModel(p, recent, System.currentTimeMillis() - 60_000);
            p.add(recent);
            TestPlatform.await("without reuse, a recent pass is tested again (and refused)",
                    () -> model(p, "recent").refused() != null);
        }
    }

    @Test
    void awaitCalibrationReturnsOnceTheCalibrationEndedAndItsTimesAreTaught() throws Exception {
        try (TestPlatform p = calibrating()) {
            FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
            right.gzip = true;
            p.add(right);
            assertTrue(p.platform().awaitCalibration(Duration.ofSeconds(30)));
            assertTrue(model(p, "right").samples(Operation.COMPRESS, Algorithm.GZIP, 1, 65_536) > 0,
                    "the run's times are taught when it ends, before the call returns");
            assertTrue(model(p, "right").lastCalibrationMillis() > 0, "and its pass recorded");
        }
    }

    @Test
    void awaitCalibrationSaysFalseWhileACalibrationJobIsHeld() throws Exception {
        try (TestPlatform p = calibrating()) {
            FakeDriver right = new FakeDriver("right", CalcType.SOFT, 0);
            right.gzip = true;
            right.hold = true; // its calibration's first job waits until released
            p.add(right);
            TestPlatform.await("the calibration's first job sent", () -> !right.held.isEmpty());
            assertFalse(p.platform().awaitCalibration(Duration.ZERO), "still calibrating");
            assertFalse(p.platform().awaitCalibration(Duration.ofMillis(20)), "still calibrating after the bound");
            right.hold = false;
            right.releaseHeld();
            assertTrue(p.platform().awaitCalibration(Duration.ofSeconds(30)), "over once its job completed");
        }
    }

    @Test
    void withCalibrationOffThereIsNothingToAwait() throws Exception {
        try (TestPlatform p = calibrating()) {
            p.engine.calibrations().offForPlatform(true);
            p.add(new FakeDriver("any", CalcType.HW, 100));
            assertTrue(p.platform().awaitCalibration(Duration.ZERO));
        }
    }
}
