package io.warpdrive.driver.hisi_zip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.testing.conformance.TestOutcome;
import io.warpdrive.testing.platform.TestPlatform;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the tests of one algorithm on emulated devices share: each test starts hisi_zip over a
 * fresh emulator with its own options, bound alone to an engine; sessions are hardware-only,
 * and a compression from direct buffers must be served by the device, all of its input taken.
 */
@ExtendWith(TestOutcome.class)
abstract class EmulatedV3Compression {
    UacceDriverUnderTest hardware;
    private TestPlatform platform;
    private Compressor compressor;

    /** The algorithm the sessions compress with. */
    abstract Algorithm algorithm();

    void start(String emulatorOptions) {
        start(1, emulatorOptions);
    }

    void start(int devices, String emulatorOptions) {
        hardware = UacceDriverUnderTest.emulating(devices, emulatorOptions, Map.of());
        platform = TestPlatform.builder().queuesPerDevice(2).build();
        platform.bind(hardware.driver());
        compressor = platform.compressorFor(algorithm().uadkName() + "-test");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (hardware != null) {
                hardware.close();
            }
        }
    }

    Session session() {
        return session(algorithm().defaultLevel());
    }

    Session session(int level) {
        return compressor.openSession(SessionSpec.of(algorithm()).withLevel(level)
                .withFallback(FallbackPolicy.HARDWARE_ONLY));
    }

    /** One compression request, direct buffers with room to spare: the frame the device made. */
    static byte[] compress(Session s, byte[] data) {
        ByteBuffer src = ByteBuffer.allocateDirect(Math.max(1, data.length));
        src.put(data).flip();
        ByteBuffer dst = ByteBuffer.allocateDirect(data.length + data.length / 64 + 1024);
        Request r = s.newRequest().operation(Operation.COMPRESS).source(src).destination(dst);
        s.execute(r);
        assertEquals(WdStatus.OK, r.status(), r::toString);
        assertEquals(UacceDriver.NAME, r.servedBy());
        assertEquals(data.length, r.consumed());
        byte[] frame = new byte[(int) r.produced()];
        dst.flip().get(frame);
        return frame;
    }

    /** {@link #compress} in a session of its own at the algorithm's default level. */
    byte[] compressOnce(byte[] data) {
        try (Session s = session()) {
            return compress(s, data);
        }
    }

    /** {@code n} incompressible bytes, the same for the same {@code n}. */
    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
