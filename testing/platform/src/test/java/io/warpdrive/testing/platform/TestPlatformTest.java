package io.warpdrive.testing.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.CalcType;
import io.warpdrive.testing.kit.FakeDriver;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine outside a framework with the test kit's fake drivers, as other modules' tests use them. */
class TestPlatformTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void theCopyingDriverServesRequestsAndFailsThemOnDemand() throws Exception {
        try (TestPlatform p = TestPlatform.withCopyingDriver();
                Session s = p.compressorFor("consumer").openSession(SessionSpec.of(Algorithm.GZIP))) {
            byte[] in = bytes(1000);
            ByteBuffer dst = ByteBuffer.allocate(2000);
            assertEquals(in.length, s.compress(ByteBuffer.wrap(in), dst));
            byte[] out = new byte[in.length];
            dst.flip().get(out);
            assertArrayEquals(in, out, "the copying driver's output is its input");

            p.failJobsWith(WdStatus.CORRUPT_INPUT);
            WdException e = assertThrows(WdException.class, () -> s.compress(ByteBuffer.wrap(in), ByteBuffer.allocate(2000)));
            assertEquals(WdStatus.CORRUPT_INPUT, e.status());
        }
    }

    @Test
    void theCostlessDriverAnswersEveryRequestWithOneByteInsideSend() throws Exception {
        try (TestPlatform p = TestPlatform.builder().queuesPerDevice(2).build()) {
            FakeDriver costless = FakeDriver.costless("costless", CalcType.HW, 100, 2);
            p.bind(costless);
            TestPlatform.await("queues on both devices, both directions", () -> costless.queues.size() >= 4);
            assertEquals(0, costless.devices.get(0).numaNode());
            assertEquals(1, costless.devices.get(1).numaNode());
            try (Session s = p.compressorFor("consumer").openSession(
                    SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY))) {
                for (int i = 0; i < 100; i++) {
                    assertEquals(1, s.compress(ByteBuffer.wrap(bytes(4096)), ByteBuffer.allocate(8192)));
                }
                assertThrows(WdException.class, () -> p.compressorFor("consumer")
                        .openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY))
                        .process(ByteBuffer.wrap(bytes(10)), ByteBuffer.allocate(100), Flush.FINISH),
                        "no streams");
            } finally {
                p.unbind(costless);
                costless.shutdown();
            }
        }
    }

    @Test
    void aFixedSpeedHardwareDriverCompletesOnItsTimer() throws Exception {
        try (TestPlatform p = TestPlatform.builder().queues("fakehw=2").build()) {
            FakeDriver hw = FakeDriver.fixedSpeedHardware("fakehw", 4, TimeUnit.MILLISECONDS.toNanos(1));
            p.bind(hw);
            TestPlatform.await("two queues per direction", () -> hw.queues.size() == 4);
            assertEquals(0, hw.devices.get(0).availableInstances());
            Compressor c = p.compressorFor("consumer");
            try (Session s = c.openSession(SessionSpec.of(Algorithm.GZIP).withFallback(FallbackPolicy.HARDWARE_ONLY))) {
                byte[] in = bytes(300);
                ByteBuffer dst = ByteBuffer.allocate(600);
                assertEquals(in.length, s.compress(ByteBuffer.wrap(in), dst));
                assertTrue(hw.lastOutputLimit > 0, "the job went to the fixed-speed device");
            } finally {
                p.unbind(hw);
                hw.shutdown();
            }
        }
    }
}
