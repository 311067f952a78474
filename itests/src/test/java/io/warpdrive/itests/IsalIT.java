package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.StreamSession;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.data.TestFiles;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Assume;
import org.junit.Before;
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

/**
 * The product with the isal driver on this machine's libisal (CI installs libisal2): it
 * loads through JNA inside Felix, passes its self-test, and with no accelerator present it
 * is what AUTO requests get (priority 50, above the soft driver): test-file round trips in every
 * algorithm, checked with java.util.zip, a stream in pieces, concatenated members, and the
 * driver bundle stopped under load (the soft driver takes over, nothing is lost) and started
 * again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IsalIT {
    private static final String DRIVER = "isal";
    /** Requests each engine serves to learn a kind (the first two of a kind teach nothing, then four to predict). */
    private static final int LEARNED_FROM = 8;

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Before
    public void isalServes() throws Exception {
        Await.until("the isal driver registered", () -> driverReference() != null);
        Driver driver = context.getService(driverReference());
        try {
            String reason = driver.unavailableReason();
            Assume.assumeTrue("the isal driver is unavailable here (install libisal2): " + reason, reason == null);
        } finally {
            context.ungetService(driverReference());
        }
        Await.until("isal queues in both directions", () -> queues(Operation.COMPRESS) > 0
                && queues(Operation.DECOMPRESS) > 0);
    }

    private ServiceReference<Driver> driverReference() {
        try {
            Collection<ServiceReference<Driver>> refs = context.getServiceReferences(Driver.class,
                    "(driver.name=" + DRIVER + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private int queues(Operation op) {
        QueueView view = platform.queues();
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.get(i).driver().equals(DRIVER) && view.get(i).operation() == op) {
                n++;
            }
        }
        return n;
    }

    @Test
    public void theDriverIsAnInstructionDriverBetweenHardwareAndSoft() {
        ServiceReference<Driver> ref = driverReference();
        Driver driver = context.getService(ref);
        try {
            assertEquals(CalcType.INSTR, driver.calcType());
            assertEquals(50, driver.priority());
            assertNull(driver.unavailableReason());
            List<? extends Device> devices = driver.devices();
            assertEquals(1, devices.size());
            assertEquals("isal-0", devices.get(0).name());
            assertEquals("igzip", devices.get(0).attributes().get("codec"));
        } finally {
            context.ungetService(ref);
        }
    }

    /** A level is a promise about the ratio: igzip's best is zlib 2's, so level 6 goes to soft under AUTO. */
    @Test
    public void levelsIgzipCannotHonourAreServedBySoftUnderAuto() {
        byte[] original = TestFiles.file("text");
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(6))) {
            ByteBuffer out = ByteBuffer.allocate((int) compressor.maxCompressedLength(Algorithm.GZIP, original.length));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(original)).destination(out);
            s.execute(r);
            assertEquals("soft", r.servedBy());
            assertTrue("no larger than zlib level 6's: " + out.position(),
                    out.position() <= Jdk.compress(Algorithm.GZIP, original, 6).length + 64);
        }
    }

    /**
     * isal's output round-trips with java.util.zip. Sessions name isal: under AUTO the performance
     * models decide, and they try an engine that does not know a kind of request yet, so which
     * engine serves one request of a new kind is not isal's to answer.
     */
    @Test
    public void isalRequestsRoundTripWithJavaUtilZip() {
        for (String name : TestFiles.all()) {
            byte[] original = TestFiles.file(name);
            for (Algorithm a : Jdk.ALGORITHMS) {
                for (int level : new int[] {1, 2}) { // the levels igzip honours (see the next test for 3 to 9)
                    try (Session s = compressor.openSession(SessionSpec.of(a).withLevel(level).withDriver(DRIVER))) {
                        String what = name + " " + a + " level " + level;
                        ByteBuffer out = ByteBuffer.allocate((int) compressor.maxCompressedLength(a, original.length));
                        Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(original))
                                .destination(out);
                        s.execute(r);
                        assertEquals(what, DRIVER, r.servedBy());
                        byte[] compressed = Arrays.copyOf(out.array(), out.position());
                        assertArrayEquals(what + " via java.util.zip", original, Jdk.decompress(a, compressed));

                        ByteBuffer back = ByteBuffer.allocateDirect(original.length);
                        Request d = s.newRequest().operation(Operation.DECOMPRESS)
                                .source(ByteBuffer.wrap(Jdk.compress(a, original, level))).destination(back);
                        s.execute(d);
                        assertEquals(what, DRIVER, d.servedBy());
                        byte[] restored = new byte[original.length];
                        back.flip().get(restored);
                        assertArrayEquals(what + ": java.util.zip's output via isal", original, restored);
                    }
                }
            }
        }
    }

    /**
     * Once both engines have learned a kind of request, AUTO sends it to the one that serves it
     * sooner: on the "mixed" file at DEFLATE level 1, isal (igzip) takes about a quarter of soft's
     * CPU time. Both learn the kind first from requests that name them; before that, AUTO tries an
     * engine new to the kind (or to its size class), which is how it learns, not a choice.
     */
    @Test
    public void autoSendsAKindBothEnginesHaveLearnedToIsal() {
        byte[] original = TestFiles.file("mixed");
        for (String driver : new String[] {DRIVER, "soft"}) {
            for (int i = 0; i < LEARNED_FROM; i++) {
                assertEquals(driver, compressDeflateLevel1(original, driver));
            }
        }
        // Exploration may send one burst of 16 requests of a kind to the other engine (a second
        // needs 16 more requests whose roll explores): 33 requests are the models' choice by a majority.
        int onIsal = 0;
        for (int i = 0; i < 33; i++) {
            onIsal += DRIVER.equals(compressDeflateLevel1(original, null)) ? 1 : 0;
        }
        assertTrue("AUTO requests of a kind both engines know on isal: " + onIsal + " of 33", onIsal > 16);
    }

    /** Compresses the whole input in one request on the driver named (null: AUTO); returns who served it. */
    private String compressDeflateLevel1(byte[] original, String driver) {
        SessionSpec spec = SessionSpec.of(Algorithm.DEFLATE).withLevel(1);
        try (Session s = compressor.openSession(driver == null ? spec : spec.withDriver(driver))) {
            ByteBuffer out = ByteBuffer.allocate((int) compressor.maxCompressedLength(Algorithm.DEFLATE, original.length));
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(original)).destination(out);
            s.execute(r);
            return r.servedBy();
        }
    }

    @Test
    public void aStreamInPiecesAndConcatenatedMembers() {
        byte[] original = Arrays.copyOf(TestFiles.file("binary"), 1_000_000);
        byte[] member;
        // Level 2: one igzip honours (at 3 and above AUTO sends the stream to soft).
        try (StreamSession st = compressor.openStream(Operation.COMPRESS, SessionSpec.of(Algorithm.GZIP).withLevel(2))) {
            member = StreamInPieces.compress(st, original, DRIVER);
        }
        assertArrayEquals(original, Jdk.decompress(Algorithm.GZIP, member));
        byte[] second = Jdk.compress(Algorithm.GZIP, Arrays.copyOf(original, 5000), 9);
        byte[] both = StreamInPieces.concatenated(member, second);
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP))) {
            byte[] back = s.decompress(both);
            assertEquals(original.length + 5000, back.length);
            assertArrayEquals(original, Arrays.copyOf(back, original.length));
        }
    }

    @Test
    public void theDriverBundleStoppedUnderLoadLosesNothingAndServesAgainWhenStarted() throws Exception {
        Bundle isal = InFramework.bundle(context, "io.warpdrive.driver.isal");
        assertNotNull(isal);
        byte[] data = Arrays.copyOf(TestFiles.file("text"), 64 * 1024);
        AtomicInteger onIsal = new AtomicInteger();
        AtomicInteger onSoft = new AtomicInteger();
        List<CompletableFuture<Request>> all = new ArrayList<>();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1))) {
            for (int i = 0; i < 600; i++) {
                if (i == 200) {
                    isal.stop(); // its queues close under the requests in flight
                }
                Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                        .destination(ByteBuffer.allocate(data.length + 1024));
                all.add(s.submit(r).toCompletableFuture().thenApply(done -> {
                    (DRIVER.equals(done.servedBy()) ? onIsal : onSoft).incrementAndGet();
                    byte[] packed = Arrays.copyOf(done.destination().get(0).array(), (int) done.produced());
                    assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, packed));
                    return done;
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(InFramework.TIMEOUT_S * 4,
                    TimeUnit.SECONDS);
            assertTrue("isal served before it stopped", onIsal.get() > 0);
            assertTrue("soft served after", onSoft.get() > 0);
            isal.start();
            Await.until("isal queues again", () -> queues(Operation.COMPRESS) > 0);
            Request r = s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(data))
                    .destination(ByteBuffer.allocate(data.length + 1024));
            s.execute(r);
            assertEquals("the restarted driver serves", DRIVER, r.servedBy());
        } finally {
            if (isal.getState() != Bundle.ACTIVE) {
                isal.start();
            }
        }
    }
}
