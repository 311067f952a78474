package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.health.Quarantine;
import io.warpdrive.core.engine.health.VerifyShares;
import io.warpdrive.lib.CalcType;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Compress-and-verify: a hardware output that does not decompress to its input is never delivered. */
class CompressAndVerifyTest {

    private static TestPlatform verifying(double percent) {
        Settings.Builder b = new Settings.Builder();
        b.pickByFinishTime = false; // the hardware (priority 100) serves first, whatever the models say
        b.verifyShares = VerifyShares.all(percent);
        return new TestPlatform(b.build());
    }

    private static FakeDriver gzipDriver(TestPlatform p, String name, CalcType type, int priority) {
        FakeDriver d = new FakeDriver(name, type, priority);
        d.gzip = true;
        return p.add(d);
    }

    private static byte[] text(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = "the quick brown fox jumps over the lazy dog ".charAt((i + seed) % 44);
            b[i] = (byte) (c + (i / 997 + seed) % 3);
        }
        return b;
    }

    private static byte[] gunzip(ByteBuffer out) throws IOException {
        byte[] gz = Arrays.copyOf(out.array(), out.position());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static ModelInfo model(TestPlatform p, String driver) {
        for (ModelInfo m : p.platform().models()) {
            if (m.driver().equals(driver)) {
                return m;
            }
        }
        throw new AssertionError("no model of " + driver);
    }

    private static long wrongOutputs(TestPlatform p, String device) {
        for (DeviceUsage d : p.usage().devices()) {
            if (d.device().equals(device)) {
                return d.wrongOutputs();
            }
        }
        throw new AssertionError("no usage of " + device);
    }

    @Test
    void aFlippedBitIsCaughtServedElsewhereAndTheDeviceQuarantined() throws Exception {
        try (TestPlatform p = verifying(100)) {
            FakeDriver hw = gzipDriver(p, "hw", CalcType.HW, 100);
            gzipDriver(p, "cpu", CalcType.SOFT, 0);
            byte[] input = text(20_000, 1);
            try (Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP))) {
                Request r = s.newRequest().operation(Operation.COMPRESS);
                ByteBuffer out = ByteBuffer.allocate(40_000);
                s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                assertEquals("hw", r.servedBy(), "the hardware serves while its output is right");

                hw.bitFlips.set(1);
                out.clear();
                s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                assertEquals("cpu", r.servedBy(), "the wrong output was served again on another engine");
                assertEquals(0, hw.bitFlips.get(), "the hardware did flip a bit");
                assertArrayEquals(input, gunzip(out), "what was delivered is the input, compressed");
                assertEquals(r.produced(), out.position());

                String refused = model(p, "hw").refused();
                assertTrue(refused != null && refused.startsWith(Quarantine.QUARANTINED), String.valueOf(refused));
                assertTrue(refused.contains("compress-and-verify"), refused);
                assertEquals(1, p.engine.quarantine().mismatches("hw-0"));
                assertEquals(1, wrongOutputs(p, "hw-0"), "the device's own counter in UsageStats");
                assertEquals(0, wrongOutputs(p, "cpu-0"));
                for (int i = 0; i < 20; i++) {
                    out.clear();
                    s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                    assertEquals("cpu", r.servedBy(), "a quarantined device gets no traffic, request " + i);
                }
                assertNull(model(p, "cpu").refused());
            }
        }
    }

    @Test
    void withVerifyOffTheSameFlipIsDelivered() throws Exception {
        // The control: what the test above catches is the verification's doing, not the fake's.
        try (TestPlatform p = verifying(0)) {
            FakeDriver hw = gzipDriver(p, "hw", CalcType.HW, 100);
            gzipDriver(p, "cpu", CalcType.SOFT, 0);
            byte[] input = text(20_000, 2);
            try (Session s = p.compressorFor("c").openSession(SessionSpec.of(Algorithm.GZIP))) {
                Request r = s.newRequest().operation(Operation.COMPRESS);
                ByteBuffer out = ByteBuffer.allocate(40_000);
                hw.bitFlips.set(1);
                s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                assertEquals("hw", r.servedBy());
                byte[] back;
                try {
                    back = gunzip(out);
                } catch (IOException e) {
                    back = null;
                }
                assertFalse(Arrays.equals(input, back), "the flipped output went to the caller");
                assertNull(model(p, "hw").refused());
            }
        }
    }

    @Test
    void underLoadEveryRequestIsAnsweredOnceAndNoWrongOutputIsDelivered() throws Exception {
        try (TestPlatform p = verifying(100)) {
            FakeDriver a = gzipDriver(p, "hwA", CalcType.HW, 100);
            gzipDriver(p, "hwB", CalcType.HW, 90);
            gzipDriver(p, "cpu", CalcType.SOFT, 0);
            a.bitFlips.set(3);
            int threads = 4;
            int perThread = 250;
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger wrong = new AtomicInteger();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    try (Session s = p.compressorFor("c" + id).openSession(SessionSpec.of(Algorithm.GZIP))) {
                        Request r = s.newRequest().operation(Operation.COMPRESS);
                        ByteBuffer out = ByteBuffer.allocate(16_000);
                        for (int i = 0; i < perThread; i++) {
                            byte[] input = text(2_000 + i, id * 1000 + i);
                            out.clear();
                            s.execute(r.source(ByteBuffer.wrap(input)).destination(out));
                            answers.computeIfAbsent(id * perThread + i, k -> new AtomicInteger()).incrementAndGet();
                            if (!Arrays.equals(input, gunzip(out))) {
                                wrong.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        wrong.incrementAndGet();
                        throw new AssertionError(e);
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join(60_000);
                assertFalse(w.isAlive(), "a worker is stuck");
            }
            assertEquals(0, wrong.get(), "wrong outputs delivered");
            assertEquals(threads * perThread, answers.size());
            answers.forEach((k, n) -> assertEquals(1, n.get(), "request " + k + " answered once"));
            assertTrue(p.engine.quarantine().mismatches("hwA-0") >= 1, "hwA's flips were caught");
            assertTrue(model(p, "hwA").refused().startsWith(Quarantine.QUARANTINED));
            assertEquals(0, p.engine.quarantine().mismatches("hwB-0"));
            assertNull(model(p, "hwB").refused(), "the good hardware keeps its traffic");
        }
    }

    @Test
    void sharesAreConfiguredPerDriverAndBadValuesRefused() {
        VerifyShares s = VerifyShares.of(1, "hisi_zip=100, other = 0", "");
        assertEquals(100, s.percentFor("hisi_zip"));
        assertEquals(0, s.percentFor("other"));
        assertEquals(1, s.percentFor("isal"));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(101));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(-1));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(1, "hisi_zip=lots"));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(1, "hisi_zip"));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(1, "=5"));
        assertThrows(IllegalArgumentException.class, () -> VerifyShares.of(1, "hisi_zip=200"));
        assertEquals(VerifyShares.DEFAULT_PERCENT, VerifyShares.defaults().percentFor("hisi_zip"));
    }

    /**
     * A CPU driver that also decodes "zstd" for compress-and-verify. The fakes write gzip whatever
     * the algorithm, so its decoder is gunzip: what matters here is which outputs the core hands to
     * a decoder, and what it makes of the answer.
     */
    private static final class DecodingDriver implements io.warpdrive.lib.Driver, io.warpdrive.lib.OutputDecoder {
        final FakeDriver fake;
        volatile io.warpdrive.comp.WdStatus decoderFails;
        final AtomicInteger decoded = new AtomicInteger();

        DecodingDriver(FakeDriver fake) {
            this.fake = fake;
        }

        @Override
        public boolean decodes(Algorithm algorithm) {
            return algorithm == Algorithm.ZSTD;
        }

        @Override
        public int decode(Algorithm algorithm, byte[] src, int offset, int length, byte[] dst) {
            decoded.incrementAndGet();
            io.warpdrive.comp.WdStatus fails = decoderFails;
            if (fails != null) {
                throw new io.warpdrive.comp.WdException(fails, "the test's decoder");
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(src, offset, length))) {
                int n = in.readNBytes(dst, 0, dst.length);
                if (in.read() >= 0) {
                    throw new io.warpdrive.comp.WdException(io.warpdrive.comp.WdStatus.OUTPUT_TOO_SMALL, "more");
                }
                return n;
            } catch (IOException e) {
                throw new io.warpdrive.comp.WdException(io.warpdrive.comp.WdStatus.CORRUPT_INPUT, e.toString());
            }
        }

        @Override
        public io.warpdrive.lib.DriverInfo info() {
            return fake.info();
        }

        @Override
        public java.util.List<? extends io.warpdrive.lib.Device> devices() {
            return fake.devices();
        }

        @Override
        public void addDeviceListener(io.warpdrive.lib.DeviceListener listener) {
            fake.addDeviceListener(listener);
        }

        @Override
        public void removeDeviceListener(io.warpdrive.lib.DeviceListener listener) {
            fake.removeDeviceListener(listener);
        }

        @Override
        public io.warpdrive.lib.StreamState openStream(Algorithm algorithm, Operation operation, int level,
                io.warpdrive.comp.WindowSize window) {
            return fake.openStream(algorithm, operation, level, window);
        }
    }

    /** One "zstd" compression of {@code input} on a session of {@code p}; who served it. */
    private static String compressZstd(TestPlatform p, byte[] input) {
        try (Session s = p.compressorFor("z").openSession(SessionSpec.of(Algorithm.ZSTD))) {
            Request r = s.newRequest().operation(Operation.COMPRESS);
            s.execute(r.source(ByteBuffer.wrap(input)).destination(ByteBuffer.allocate(input.length + 1024)));
            return r.servedBy();
        }
    }

    @Test
    void anAlgorithmTheCoreCannotReadIsCheckedWithAnotherDriversDecoder() throws Exception {
        try (TestPlatform p = verifying(100)) {
            FakeDriver hw = gzipDriver(p, "hw", CalcType.HW, 100);
            FakeDriver cpuFake = new FakeDriver("cpu", CalcType.SOFT, 0);
            cpuFake.gzip = true;
            DecodingDriver cpu = new DecodingDriver(cpuFake);
            p.bind(cpu);
            try {
                TestPlatform.await("the decoding driver's queues", () -> p.platform().queues().size() >= 4);
                byte[] input = text(10_000, 3);
                assertEquals("hw", compressZstd(p, input));
                assertEquals(1, cpu.decoded.get(), "the hardware's output went through the other driver's decoder");

                cpu.decoderFails = io.warpdrive.comp.WdStatus.INTERNAL;
                assertEquals("hw", compressZstd(p, input), "a decoder that cannot tell lets the output through");
                assertNull(model(p, "hw").refused(), "and says nothing of the device");
                cpu.decoderFails = null;

                hw.bitFlips.set(1);
                assertEquals("cpu", compressZstd(p, input), "the flipped output was served again on the CPU");
                assertEquals(1, wrongOutputs(p, "hw-0"));
                assertTrue(model(p, "hw").refused().startsWith(Quarantine.QUARANTINED));
                assertEquals(3, cpu.decoded.get(), "the CPU's own output is not checked");
            } finally {
                p.unbind(cpu);
                cpuFake.shutdown();
            }
        }
    }

    @Test
    void withoutADecoderPresentSuchOutputIsDeliveredUnchecked() throws Exception {
        try (TestPlatform p = verifying(100)) {
            FakeDriver hw = gzipDriver(p, "hw", CalcType.HW, 100);
            gzipDriver(p, "cpu", CalcType.SOFT, 0);
            hw.bitFlips.set(1);
            assertEquals("hw", compressZstd(p, text(10_000, 4)));
            assertEquals(0, hw.bitFlips.get(), "flipped, and delivered: nothing present reads zstd");
            assertNull(model(p, "hw").refused());
        }
    }
}
