package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Priority;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.coordinator.Coordinator;
import io.warpdrive.coordinator.ResourceState;
import io.warpdrive.coordinator.Tune;
import io.warpdrive.sched.PriorityLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The priority coordinator (bundles/sched-coordinator, not in the product) in a real Felix:
 * a consumer's class comes from its bundle's identity (a third-party bundle cannot obtain
 * SYSTEM levels), a bundle that stops loses its tunes, the CPU workers tune reaches the soft
 * driver's configuration and goes back, shell tunes belong to the coordinator's own bundle, and
 * swapping the coordinator out and back in under load loses no request and no tune.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoordinatorIT {
    private static final String BSN = "io.warpdrive.sched.coordinator";
    private static final String VIDEO = "io.warpdrive.itest.video";
    private static final Duration HOUR = Duration.ofHours(1);

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
        return WarpDriveOptions.platform(WarpDriveOptions.extraBundle(PolicyJars.path(BSN)));
    }

    /** The Coordinator service as {@code bundle} gets it (bundle scope: its own instance). */
    private Coordinator coordinatorOf(Bundle bundle) throws InterruptedException {
        ServiceReference<?> ref = InFramework.awaitService(context, Coordinator.class.getName());
        assertNotNull("the coordinator's tune service is registered", ref);
        return (Coordinator) bundle.getBundleContext().getService(ref);
    }

    private Coordinator mine() throws InterruptedException {
        return coordinatorOf(context.getBundle());
    }

    private static ResourceState resource(Coordinator c, String name) {
        return c.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Tune> tunesBy(String consumer) throws InterruptedException {
        return mine().resources().stream().flatMap(r -> r.tunes().stream()).filter(t -> t.consumer().equals(consumer))
                .collect(Collectors.toList());
    }

    private void awaitActive(String name) {
        Await.until(() -> "policy " + name + " active (now: " + platform.schedulers().stream().map(SchedulerInfo::name)
                .collect(Collectors.toList()) + ")", () -> {
                    List<SchedulerInfo> list = platform.schedulers();
                    return !list.isEmpty() && list.get(0).active() && list.get(0).name().equals(name);
                });
    }

    /**
     * System consumers by location (the engine's {@code system.locations}), as an administrator lists
     * them: here the video test bundle and the coordinator's bundle, which the test framework
     * installs from a file rather than from warpdrive.jar.
     */
    @Before
    public void listSystemLocations() throws Exception {
        Bundle coordinatorBundle = null;
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                coordinatorBundle = b;
            }
        }
        assertNotNull("the coordinator's bundle is installed", coordinatorBundle);
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration("io.warpdrive.engine", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("system.locations", new String[] { "warpdrive:bundles/*", "test:" + VIDEO,
                coordinatorBundle.getLocation() });
        engine.update(props);
        Bundle listed = coordinatorBundle;
        Await.until("the engine classes the coordinator's bundle as system", () -> platform.isSystemConsumer(listed));
    }

    @Test
    public void theConsumersIdentityDecidesItsClassNeverTheCaller() throws Exception {
        Bundle album = ConsumerBundles.install(context, "com.example.itest.album", "1.0.0");
        Bundle video = ConsumerBundles.install(context, VIDEO, "1.0.0");
        Bundle lookAlike = ConsumerBundles.install(context, "io.warpdrive.evil", "1.0.0");
        try {
            Coordinator third = coordinatorOf(album);
            Coordinator system = coordinatorOf(video);
            assertEquals(PriorityLevel.THIRD_PARTY_HIGH, third.level(Priority.HIGH));
            assertEquals(PriorityLevel.SYSTEM_HIGH, system.level(Priority.HIGH));
            assertEquals("a name proves nothing: its location is not a system one", PriorityLevel.THIRD_PARTY_HIGH,
                    coordinatorOf(lookAlike).level(Priority.HIGH));
            for (PriorityLevel level : new PriorityLevel[] { PriorityLevel.SYSTEM_HIGH, PriorityLevel.SYSTEM_LOW }) {
                WdException denied = assertThrows(WdException.class, () -> third.tune("hardware", 64, HOUR, level));
                assertEquals(WdStatus.ACCESS_DENIED, denied.status());
            }
            long theirs = third.tune("hardware", 64, HOUR, Priority.HIGH);
            long ours = system.tune("hardware", 2, HOUR, Priority.LOW);
            ResourceState hw = resource(third, "hardware");
            assertEquals("the system consumer's LOW beats the third party's HIGH", 2, hw.value());
            assertEquals(PriorityLevel.SYSTEM_LOW, hw.level());
            Tune pending = hw.tunes().stream().filter(t -> t.handle() == theirs).findFirst().orElseThrow();
            assertEquals(PriorityLevel.THIRD_PARTY_HIGH, pending.level());
            assertEquals("com.example.itest.album", pending.consumer());
            assertEquals(album.getBundleId(), pending.consumerId());
            assertEquals(WdStatus.ACCESS_DENIED, assertThrows(WdException.class, () -> third.untune(ours)).status());
            third.untune(theirs);
            system.untune(ours);
            assertEquals(0, resource(third, "hardware").value());
        } finally {
            album.uninstall();
            video.uninstall();
            lookAlike.uninstall();
        }
    }

    @Test
    public void aBundleThatStopsLosesItsTunes() throws Exception {
        Bundle leaving = ConsumerBundles.install(context, "com.example.itest.leaving", "1.0.0");
        Bundle staying = ConsumerBundles.install(context, "com.example.itest.staying", "1.0.0");
        try {
            Coordinator l = coordinatorOf(leaving);
            Coordinator s = coordinatorOf(staying);
            l.tune("hardware", 8, null, Priority.HIGH);
            l.tune("hardware.per.consumer", 4, HOUR, Priority.LOW);
            s.tune("hardware", 2, HOUR, Priority.HIGH);
            assertEquals(8, resource(s, "hardware").value());
            assertEquals(2, tunesBy("com.example.itest.leaving").size());
            leaving.stop();
            Await.until("the stopped bundle's tunes are removed", () -> {
                try {
                    return tunesBy("com.example.itest.leaving").isEmpty();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(1, tunesBy("com.example.itest.staying").size());
            assertEquals("the staying bundle's tune is in force now", 2, resource(s, "hardware").value());
            assertEquals(ResourceState.UNLIMITED, resource(s, "hardware.per.consumer").value());
        } finally {
            leaving.uninstall();
            staying.uninstall();
        }
        assertTrue(tunesBy("com.example.itest.staying").isEmpty());
    }

    @Test
    public void theCpuWorkersTuneReachesTheSoftDriverAndItsOwnSettingComesBack() throws Exception {
        Bundle admin = ConsumerBundles.install(context, "io.warpdrive.itest.admin", "1.0.0");
        try {
            Coordinator c = coordinatorOf(admin);
            assertNull("no soft driver configuration to begin with", workersSetting());
            long h = c.tune("cpu.workers", 1, HOUR, Priority.HIGH);
            Await.until("workers=1 in " + "io.warpdrive.driver.soft", () -> Integer.valueOf(1).equals(workersSetting()));
            assertEquals(1, resource(c, "cpu.workers").value());
            c.untune(h);
            Await.until("the soft driver's own setting back (no workers key)", () -> workersSetting() == null);
        } finally {
            admin.uninstall();
        }
    }

    private Object workersSetting() {
        try {
            org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations(
                    "(service.pid=io.warpdrive.driver.soft)");
            return found == null || found[0].getProperties() == null ? null : found[0].getProperties().get("workers");
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void shellTunesBelongToTheCoordinatorsBundle() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=wd)(osgi.command.function=tunes))");
        assertNotNull("wd:tune and friends are registered", refs);
        Object commands = context.getService(refs[0]);
        try {
            commands.getClass().getMethod("tune", String[].class).invoke(commands,
                    (Object) new String[] { "hardware", "3", "10m", "low" });
            List<Tune> tunes = tunesBy(BSN);
            assertEquals(1, tunes.size());
            Tune t = tunes.get(0);
            assertEquals("the coordinator's bundle is a system consumer", PriorityLevel.SYSTEM_LOW, t.level());
            assertEquals(3, t.value());
            commands.getClass().getMethod("untune", String[].class).invoke(commands,
                    (Object) new String[] { Long.toString(t.handle()) });
            assertTrue(tunesBy(BSN).isEmpty());
        } finally {
            context.ungetService(refs[0]);
        }
    }

    @Test
    public void swappingTheCoordinatorOutAndBackInUnderLoadLosesNothing() throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        awaitActive("coordinator");
        Bundle video = ConsumerBundles.install(context, "io.warpdrive.itest.swapper", "1.0.0");
        Bundle coordinatorBundle = InFramework.bundle(context, BSN);
        Traffic traffic = new Traffic(compressor, 4);
        try {
            long h = coordinatorOf(video).tune("hardware.per.consumer", 1, null, Priority.HIGH);
            traffic.awaitProgress(20);
            for (int i = 0; i < 3; i++) {
                platform.usePolicy("priority");
                awaitActive("priority");
                traffic.awaitProgress(20);
                platform.usePolicy("coordinator");
                awaitActive("coordinator");
                traffic.awaitProgress(20);
                ResourceState limit = resource(mine(), "hardware.per.consumer");
                assertEquals("the tune survives the swaps", 1, limit.value());
                assertEquals(h, limit.tunes().get(0).handle());
            }
            coordinatorBundle.stop();
            awaitActive("priority");
            traffic.awaitProgress(20);
            coordinatorBundle.start();
            awaitActive("coordinator");
            traffic.awaitProgress(20);
            assertTrue("tunes live as long as the coordinator: a restarted one starts with none",
                    tunesBy("io.warpdrive.itest.swapper").isEmpty());
        } finally {
            traffic.close();
            video.uninstall();
            forgetRankings();
        }
        traffic.assertClean();
    }

    /** A policy chosen by usePolicy persists in Configuration Admin: the other tests start from the rankings. */
    private void forgetRankings() throws IOException, InvalidSyntaxException {
        platform.usePolicy(null);
        for (String pid : new String[] { "io.warpdrive.sched.priority", BSN }) {
            org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found != null) {
                for (org.osgi.service.cm.Configuration c : found) {
                    c.delete();
                }
            }
        }
        awaitActive("coordinator");
    }
}
