package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FrameOptions;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.lib.StreamState;
import io.warpdrive.stats.DriverUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * zstd/LZ4 frame options: a session that asks for options other than the default is served
 * only by a driver that honours them, whatever the other drivers' priority; with none, its
 * requests fail NO_DRIVER, as for an algorithm no driver serves; a driver that does not honour them refuses a stream with them.
 */
class FrameOptionsPickTest {
    private static final byte[] DATA = "frame options choose the driver ".repeat(40).getBytes();
    private static final FrameOptions NO_SIZE = FrameOptions.DEFAULT.withContentSize(false);

    /** A fake driver that says it honours frame options (FakeDriver itself does not). */
    private static Driver honouring(FakeDriver d) {
        return new Driver() {
            @Override
            public DriverInfo info() {
                return d.info();
            }

            @Override
            public List<? extends Device> devices() {
                return d.devices();
            }

            @Override
            public void addDeviceListener(DeviceListener listener) {
                d.addDeviceListener(listener);
            }

            @Override
            public void removeDeviceListener(DeviceListener listener) {
                d.removeDeviceListener(listener);
            }

            @Override
            public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
                return d.openStream(algorithm, operation, level, window);
            }

            @Override
            public boolean honoursFrameOptions() {
                return true;
            }
        };
    }

    private static long served(TestPlatform p, String driver) {
        for (DriverUsage u : p.usage().drivers()) {
            if (u.driver().equals(driver)) {
                return u.requests();
            }
        }
        return 0;
    }

    @Test
    void onlyADriverThatHonoursTheOptionsServesThem() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("plain", CalcType.SOFT, 90));
            p.bind(honouring(new FakeDriver("framed", CalcType.SOFT, 1)));
            for (int i = 0; i < 20; i++) {
                try (Session s = p.compressorFor("consumer").openSession(SessionSpec.of(Algorithm.ZSTD)
                        .withFrame(NO_SIZE))) {
                    s.compress(DATA);
                }
            }
            TestPlatform.await("served by the driver that honours frame options", () -> served(p, "framed") == 20);
            assertEquals(0, served(p, "plain"));
        }
    }

    @Test
    void withNoDriverThatHonoursThemTheRequestFindsNoDriver() throws Exception {
        try (TestPlatform p = new TestPlatform()) {
            p.add(new FakeDriver("plain", CalcType.SOFT, 90));
            try (Session s = p.compressorFor("consumer").openSession(SessionSpec.of(Algorithm.ZSTD)
                    .withFrame(NO_SIZE))) {
                WdException e = assertThrows(WdException.class, () -> s.compress(DATA));
                assertEquals(WdStatus.NO_DRIVER, e.status(), e.getMessage());
                assertTrue(e.getMessage().contains("no driver serves zstd compress with frame options " + NO_SIZE),
                        "the message names the options no driver honours: " + e.getMessage());
            }
        }
    }

    @Test
    void aDriverThatDoesNotHonourThemRefusesAStreamWithThem() {
        FakeDriver plain = new FakeDriver("plain", CalcType.SOFT, 0);
        WdException e = assertThrows(WdException.class, () -> plain.openStream(Algorithm.ZSTD, Operation.COMPRESS, 3,
                WindowSize.W32K, null, NO_SIZE));
        assertEquals(WdStatus.UNSUPPORTED, e.status());
        assertTrue(e.getMessage().contains("content size omitted"), e.getMessage());
        assertTrue(plain.openStream(Algorithm.ZSTD, Operation.COMPRESS, 3, WindowSize.W32K, null,
                FrameOptions.DEFAULT) != null);
    }
}
