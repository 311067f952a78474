package io.warpdrive.reliability.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.driver.hisi_zip.UacceDriver;
import io.warpdrive.driver.soft.SoftDriver;
import io.warpdrive.driver.zstdlz4.ZstdLz4Driver;
import io.warpdrive.testing.conformance.StartedDriver;
import io.warpdrive.testing.drivers.TestDrivers;
import io.warpdrive.testing.data.TestFiles;
import io.warpdrive.testing.platform.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;

/**
 * The emulator's bitflip fault (a compression completes with status OK and one bit of its output
 * flipped) against compress-and-verify at 100 %: the flipped output is caught and never delivered,
 * the request is served on the other device, and the faulty device is quarantined.
 */
class SilentCorruptionTest {

    @Test
    void flippedHardwareOutputIsNeverDeliveredAndItsDeviceIsQuarantined() throws Exception {
        for (Algorithm a : new Algorithm[] {Algorithm.GZIP, Algorithm.ZLIB, Algorithm.DEFLATE}) {
            try (StartedDriver<SoftDriver> cpu = TestDrivers.soft()) {
                flippedOutputIsCaught(a, cpu);
            }
        }
    }

    /**
     * The device's zstd and LZ4 (the v3 formats) are decompressed with the zstd-lz4 driver's
     * libraries (its {@code OutputDecoder}): the core reads neither format itself.
     */
    @Test
    void flippedZstdAndLz4OutputIsCaughtWithTheZstdLz4DriversLibraries() throws Exception {
        for (Algorithm a : new Algorithm[] {Algorithm.ZSTD, Algorithm.LZ4}) {
            try (StartedDriver<ZstdLz4Driver> cpu = TestDrivers.zstdLz4()) {
                flippedOutputIsCaught(a, cpu);
            }
        }
    }

    /**
     * A compression stream on the emulated device, every one of its requests verified (its own
     * inflate state, byte for byte): the device serving it flips a bit of one request's output;
     * that output is never delivered, the device is quarantined, and the stream moves to the other
     * device from its last checkpoint. The caller's output is one valid stream of the whole input.
     */
    @Test
    void aStreamsFlippedOutputIsNeverDeliveredAndTheStreamFinishesOnTheOtherDevice() throws Exception {
        byte[] data = TestFiles.sample(TestFiles.all().get(0), 1 << 20);
        int piece = 48 << 10;
        for (Algorithm a : new Algorithm[] {Algorithm.GZIP, Algorithm.ZLIB, Algorithm.DEFLATE}) {
            try (StartedDriver<UacceDriver> hardware = TestDrivers.emulatedHisiZip(2, "api=hisi_qm_v3;depth=64",
                    Map.of())) {
                TestPlatform platform = TestPlatform.builder().verifyPercent(100).build();
                try {
                    platform.bind(hardware.driver());
                    TestPlatform.await("hisi_zip queues", () -> platform.platform().awaitQueue(a, Operation.COMPRESS,
                            FallbackPolicy.HARDWARE_ONLY, Duration.ofMillis(100)), Duration.ofSeconds(30));
                    StreamSession s = platform.compressorFor("verify").openStream(Operation.COMPRESS,
                            SessionSpec.of(a).withFallback(FallbackPolicy.HARDWARE_ONLY));
                    Request r = s.newRequest();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteBuffer dst = ByteBuffer.allocate(piece + piece / 8 + 1024);
                    String flipped = null;
                    int serving = -1; // which device served the stream's last request
                    for (int at = 0; at < data.length; at += piece) {
                        int n = Math.min(piece, data.length - at);
                        Flush flush = at + n == data.length ? Flush.FINISH : Flush.NONE;
                        long[] before = completed(hardware);
                        if (at == 4 * piece) {
                            // the device that served the stream's last request flips a bit of its next output
                            flipped = "hisi_zip-" + serving;
                            hardware.driver().emulator().inject(flipped, "bitflip", 1);
                        }
                        ByteBuffer src = ByteBuffer.wrap(data, at, n);
                        do {
                            dst.clear();
                            s.execute(r.source(src).destination(dst).flush(flush));
                            assertTrue(r.servedByHardware(), r.servedBy());
                            out.write(dst.array(), 0, dst.position());
                        } while (flush == Flush.FINISH ? !s.isFinished() : src.hasRemaining());
                        long[] after = completed(hardware);
                        boolean first = after[0] > before[0];
                        boolean second = after[1] > before[1];
                        // both, when the flipped output was served again: the stream is on the other one now
                        serving = first && second ? (flipped.endsWith("0") ? 1 : 0) : first ? 0 : 1;
                    }
                    assertTrue(s.isFinished());
                    s.close();
                    assertEquals(1, platform.engine().quarantine().mismatches(flipped), a + ": the flip was caught");
                    String other = flipped.endsWith("0") ? "hisi_zip-1" : "hisi_zip-0";
                    assertEquals(0, platform.engine().quarantine().mismatches(other), a.toString());
                    assertEquals(other, "hisi_zip-" + serving, a + ": the stream finished on the other device");
                    String refused = refused(platform, flipped);
                    assertTrue(refused != null && refused.startsWith(Quarantine.QUARANTINED), String.valueOf(refused));
                    assertArrayEquals(data, decompress(a, ByteBuffer.wrap(out.toByteArray()).position(out.size())),
                            a + ": one valid stream of the whole input, no flipped byte in it");
                    assertEquals(0, platform.openStreamStates());
                } finally {
                    platform.close();
                }
            }
        }
    }

    private static long[] completed(StartedDriver<UacceDriver> hardware) {
        return new long[] {hardware.driver().emulator().stat("hisi_zip-0", "completed"),
            hardware.driver().emulator().stat("hisi_zip-1", "completed")};
    }

    private static void flippedOutputIsCaught(Algorithm a, StartedDriver<?> cpu) throws Exception {
        byte[] data = TestFiles.file(TestFiles.all().get(0));
        try (StartedDriver<UacceDriver> hardware = TestDrivers.emulatedHisiZip(2, "api=hisi_qm_v3;depth=64",
                Map.of())) {
            TestPlatform platform = TestPlatform.builder().verifyPercent(100).build();
            try {
                platform.bind(cpu.driver());
                platform.bind(hardware.driver());
                TestPlatform.await("hisi_zip queues", () -> platform.platform().awaitQueue(a, Operation.COMPRESS,
                        FallbackPolicy.HARDWARE_ONLY, Duration.ofMillis(100)), Duration.ofSeconds(30));
                hardware.driver().emulator().inject("hisi_zip-0", "bitflip", 3);
                int served = 0;
                try (Session s = platform.compressorFor("verify").openSession(
                        SessionSpec.of(a).withFallback(FallbackPolicy.HARDWARE_ONLY))) {
                    Request r = s.newRequest().operation(Operation.COMPRESS);
                    ByteBuffer out = ByteBuffer.allocate(data.length + data.length / 8 + 1024);
                    byte[] input = Arrays.copyOf(data, Math.min(data.length, 64 << 10));
                    // until the device's first flipped output is caught (the device is then quarantined)
                    while (platform.engine().quarantine().mismatches("hisi_zip-0") == 0 && served < 10_000) {
                        out.clear();
                        s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                        assertTrue(r.servedByHardware(), r.servedBy());
                        assertArrayEquals(input, decompress(a, out), a + " output " + served + " is the input");
                        served++;
                    }
                    assertEquals(1, platform.engine().quarantine().mismatches("hisi_zip-0"), a + ": after "
                            + served + " requests");
                    for (int i = 0; i < 50; i++) {
                        out.clear();
                        s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                        assertArrayEquals(input, decompress(a, out));
                        served++;
                    }
                }
                String refused = refused(platform, "hisi_zip-0");
                assertTrue(refused != null && refused.startsWith(Quarantine.QUARANTINED), String.valueOf(refused));
                assertNull(refused(platform, "hisi_zip-1"), "the other device keeps its traffic");
                assertTrue(hardware.driver().emulator().stat("hisi_zip-0", "completed") > 0);
            } finally {
                platform.close();
            }
        }
    }

    private static String refused(TestPlatform platform, String device) {
        for (ModelInfo m : platform.platform().models()) {
            if (m.device().equals(device)) {
                return m.refused();
            }
        }
        return null;
    }

    private static byte[] decompress(Algorithm a, ByteBuffer out) throws IOException {
        byte[] compressed = Arrays.copyOf(out.array(), out.position());
        InputStream in = switch (a) {
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(compressed));
            case ZLIB -> new InflaterInputStream(new ByteArrayInputStream(compressed));
            case ZSTD -> new ZstdInputStream(new ByteArrayInputStream(compressed));
            case LZ4 -> new LZ4FrameInputStream(new ByteArrayInputStream(compressed));
            default -> new InflaterInputStream(new ByteArrayInputStream(compressed), new Inflater(true));
        };
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (in) {
            in.transferTo(back);
        }
        return back.toByteArray();
    }
}
