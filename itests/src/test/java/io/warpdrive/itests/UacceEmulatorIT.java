package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The product inside Felix with the hardware driver on emulated devices (the framework
 * property {@code warpdrive.uacce.emulate=2}, what {@code warpdrive.jar --emulate 2} sets):
 * libwdemu loads from the driver bundle through JNA, the devices show as emulated, and the
 * conformance essentials pass on the hardware path (HARDWARE_ONLY, served by hisi_zip):
 * test-file round trips in every algorithm at levels 1 and 6 checked with java.util.zip, a
 * stream in pieces, any gzip header and concatenated members, corrupt input as typed
 * errors. The fault case: the driver bundle stopped under load loses no request (AUTO goes
 * to the CPU) and serves again when restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UacceEmulatorIT {
    private static final String DRIVER = "hisi_zip";

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform(frameworkProperty("warpdrive.uacce.emulate").value("2"));
    }

    private void awaitHardware() {
        for (Operation op : Operation.values()) {
            assertTrue("a hardware queue serves gzip " + op, platform.awaitQueue(Algorithm.GZIP, op,
                    FallbackPolicy.HARDWARE_ONLY, Duration.ofSeconds(InFramework.TIMEOUT_S)));
        }
    }

    private Session hardwareSession(Algorithm a, int level) {
        return compressor.openSession(SessionSpec.of(a).withLevel(level).withFallback(FallbackPolicy.HARDWARE_ONLY));
    }

    @Test
    public void theHardwareDriverRunsOnEmulatedDevices() throws Exception {
        awaitHardware();
        Collection<ServiceReference<Driver>> refs = context.getServiceReferences(Driver.class, "(driver.name=" + DRIVER + ")");
        assertEquals(1, refs.size());
        ServiceReference<Driver> ref = refs.iterator().next();
        Driver driver = context.getService(ref);
        try {
            assertEquals(100, driver.priority());
            List<? extends Device> devices = driver.devices();
            assertEquals(2, devices.size());
            for (Device d : devices) {
                assertEquals("true", d.attributes().get("emulated"));
                // The emulator's default device is a v3 (api=hisi_qm_v3): zstd and LZ4 beside the deflate family.
                assertEquals(EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP, Algorithm.ZSTD, Algorithm.LZ4),
                        d.algorithms());
            }
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void testFilesRoundTripOnTheHardwarePath() {
        awaitHardware();
        for (String name : TestFiles.all()) {
            byte[] original = TestFiles.file(name);
            for (Algorithm a : Jdk.ALGORITHMS) {
                for (int level : new int[] {1, 6}) {
                    try (Session s = hardwareSession(a, level)) {
                        ByteBuffer in = ByteBuffer.allocateDirect(original.length).put(original).flip();
                        ByteBuffer out = ByteBuffer.allocate((int) compressor.maxCompressedLength(a, original.length));
                        Request r = s.newRequest().operation(Operation.COMPRESS).source(in).destination(out);
                        s.execute(r);
                        String what = name + " " + a + " level " + level;
                        assertEquals(what, DRIVER, r.servedBy());
                        byte[] compressed = Arrays.copyOf(out.array(), out.position());
                        assertArrayEquals(what + " via java.util.zip", original, Jdk.decompress(a, compressed));
                        assertArrayEquals(what + " via the hardware", original, s.decompress(compressed));
                    }
                }
            }
        }
    }

    @Test
    public void aStreamInPiecesAnyGzipHeaderAndConcatenatedMembers() {
        awaitHardware();
        byte[] original = Arrays.copyOf(TestFiles.file("binary"), 1_000_000);
        byte[] member;
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP)
                .withFallback(FallbackPolicy.HARDWARE_ONLY))) {
            member = StreamInPieces.compress(st, original, DRIVER);
        }
        assertArrayEquals(original, Jdk.decompress(Algorithm.GZIP, member));
        // java.util.zip's member (another header) after ours: both decompress in one request
        byte[] second = Jdk.compress(Algorithm.GZIP, Arrays.copyOf(original, 5000), 9);
        byte[] both = StreamInPieces.concatenated(member, second);
        try (Session s = hardwareSession(Algorithm.GZIP, 6)) {
            byte[] back = s.decompress(both);
            assertEquals(original.length + 5000, back.length);
            assertArrayEquals(original, Arrays.copyOf(back, original.length));
        }
    }

    @Test
    public void corruptInputGivesTypedErrorsOnTheHardwarePath() {
        awaitHardware();
        byte[] original = Arrays.copyOf(TestFiles.file("rows"), 200_000);
        Set<WdStatus> dataErrors = EnumSet.of(WdStatus.CORRUPT_INPUT, WdStatus.TRUNCATED_INPUT,
                WdStatus.CHECKSUM_MISMATCH);
        for (Algorithm a : Jdk.ALGORITHMS) {
            try (Session s = hardwareSession(a, 6)) {
                byte[] good = s.compress(original);
                InFramework.expectDecompressionFailure(dataErrors, s, Arrays.copyOf(good, good.length / 2),
                        a + " truncated");
                if (a != Algorithm.DEFLATE) {
                    byte[] badSum = good.clone();
                    badSum[good.length - (a == Algorithm.GZIP ? 8 : 1)] ^= 0x01;
                    assertEquals(WdStatus.CHECKSUM_MISMATCH,
                            InFramework.expectDecompressionFailure(dataErrors, s, badSum, a + " checksum").status());
                    byte[] badHeader = good.clone();
                    badHeader[0] ^= 0x55;
                    assertEquals(WdStatus.CORRUPT_INPUT,
                            InFramework.expectDecompressionFailure(dataErrors, s, badHeader, a + " header").status());
                }
                assertArrayEquals(original, s.decompress(good));
            }
        }
    }

    /**
     * The load is AUTO traffic, which is re-sent when its queue goes away. The engine picks by
     * driver priority for this test (hisi_zip's 100 first): by finish time, the emulated devices
     * (the emulator compresses on these cores) may be slower than isal, and then only
     * exploration sends them anything, so the stop would find nothing of the load on them.
     */
    @Test
    public void theDriverBundleStoppedUnderLoadLosesNothingAndServesAgainWhenRestarted() throws Exception {
        awaitHardware();
        Bundle driverBundle = InFramework.bundle(context, "io.warpdrive.driver.hisi_zip");
        assertNotNull(driverBundle);
        byte[] data = Arrays.copyOf(TestFiles.file("text"), 64 * 1024);
        AtomicInteger hardware = new AtomicInteger();
        List<CompletableFuture<Request>> all = new ArrayList<>();
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration("io.warpdrive.engine", "?");
        Dictionary<String, Object> before = engine.getProperties();
        Dictionary<String, Object> byPriority = before == null ? new Hashtable<>() : copy(before);
        byPriority.put("pick", "PRIORITY");
        engine.update(byPriority);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            InFramework.await("the engine picking by priority: an idle hisi_zip serves AUTO", () -> {
                Request probe = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                        .destination(ByteBuffer.allocate(data.length + 1024));
                s.execute(probe);
                return DRIVER.equals(probe.servedBy());
            });
            for (int i = 0; i < 600; i++) {
                if (i == 200) {
                    driverBundle.stop(); // its queues close under the requests in flight
                }
                Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                        .destination(ByteBuffer.allocate(data.length + 1024));
                all.add(s.submit(r).toCompletableFuture().thenApply(done -> {
                    if (DRIVER.equals(done.servedBy())) {
                        hardware.incrementAndGet();
                    }
                    byte[] packed = Arrays.copyOf(done.destination().get(0).array(), (int) done.produced());
                    assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, packed));
                    return done;
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(InFramework.TIMEOUT_S * 4,
                    TimeUnit.SECONDS);
            assertTrue("some requests were served by the hardware", hardware.get() > 0);
            try (Session hw = hardwareSession(Algorithm.GZIP, 1)) {
                assertFalse("no hardware queue while the driver is stopped", platform.awaitQueue(Algorithm.GZIP,
                        Operation.COMPRESS, FallbackPolicy.HARDWARE_ONLY, Duration.ZERO));
                driverBundle.start();
                awaitHardware();
                Request r = hw.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                        .destination(ByteBuffer.allocate(data.length + 1024));
                hw.execute(r);
                assertEquals("the restarted driver (a fresh emulator) serves", DRIVER, r.servedBy());
            }
        } finally {
            if (driverBundle.getState() != Bundle.ACTIVE) {
                driverBundle.start();
            }
            if (before == null) {
                engine.delete();
            } else {
                engine.update(before);
            }
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Dictionary<String, Object> c = new Hashtable<>();
        for (java.util.Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            c.put(k, d.get(k));
        }
        return c;
    }
}
