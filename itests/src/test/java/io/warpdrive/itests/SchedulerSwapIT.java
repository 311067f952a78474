package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
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
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Policies replaced at run time under load: installed, updated and uninstalled through
 * the deploy/ folder 50 times, and through the OSGi API, Platform.usePolicy and the shell — zero failed, lost
 * or duplicated requests, every output round-trips.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedulerSwapIT {
    private static final String RR = "io.warpdrive.sched.rr";
    private static final String LOCALITY = "io.warpdrive.sched.locality";

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
        // FileInstall looks at deploy/ every 50 ms here, so 150 deployments take seconds, not minutes.
        return WarpDriveOptions.platform(frameworkProperty("felix.fileinstall.poll").value("50"));
    }

    private static byte[] policyJar(String bsn) throws IOException {
        return PolicyJars.read(bsn);
    }

    private void awaitActive(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        while (true) {
            List<SchedulerInfo> list = platform.schedulers();
            if (!list.isEmpty() && list.get(0).active() && list.get(0).name().equals(name)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("policy " + name + " not active; present: " + list.size());
            }
            Thread.onSpinWait();
        }
    }

    /** A chosen policy persists in Configuration Admin; the other test starts from the rankings alone. */
    private java.util.Map<String, Integer> rankings() {
        java.util.Map<String, Integer> byName = new java.util.TreeMap<>();
        platform.schedulers().forEach(s -> byName.put(s.name(), s.ranking()));
        return byName;
    }

    private void forgetRankings() throws IOException, InvalidSyntaxException {
        platform.usePolicy(null);
        for (String pid : new String[] { "io.warpdrive.sched.priority", RR, LOCALITY }) {
            org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found != null) {
                for (org.osgi.service.cm.Configuration c : found) {
                    c.delete();
                }
            }
        }
        awaitActive("priority");
    }

    private void awaitSoft() {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
    }

    @Test
    public void fiftySwapsThroughTheDeployFolderUnderLoadLoseNothing() throws Exception {
        awaitSoft();
        byte[] rr = policyJar(RR);
        byte[] locality = policyJar(LOCALITY);
        DeployFolder deploy = new DeployFolder(context);
        long waitsBefore = platform.capacityWaits();
        Traffic traffic = new Traffic(compressor, 4);
        long quietMax;
        long swapMax;
        long quietRequests;
        long swapRequests;
        try {
            traffic.awaitProgress(50);
            // Baseline: the same load without swaps, for as many requests as the swaps will see.
            traffic.takeMaxLatency();
            long before = traffic.succeeded.get();
            traffic.awaitProgress(20_000);
            quietMax = traffic.takeMaxLatency();
            quietRequests = traffic.succeeded.get() - before;
            before = traffic.succeeded.get();
            for (int i = 0; i < 50; i++) {
                boolean useRr = i % 2 == 0;
                String bsn = useRr ? RR : LOCALITY;
                String name = useRr ? "rr" : "locality";
                byte[] jar = useRr ? rr : locality;
                String file = bsn + ".jar";
                deploy.await(bsn, BundleEvent.STARTED, () -> deploy.place(jar, file));
                awaitActive(name);
                traffic.awaitProgress(3);
                byte[] newer = DeployFolder.withVersion(jar, "0.9." + i);
                deploy.await(bsn, BundleEvent.UPDATED, () -> deploy.place(newer, file));
                awaitActive(name);
                traffic.awaitProgress(3);
                deploy.await(bsn, BundleEvent.UNINSTALLED, () -> deploy.delete(file));
                awaitActive("priority");
                traffic.awaitProgress(3);
            }
            swapMax = traffic.takeMaxLatency();
            swapRequests = traffic.succeeded.get() - before;
        } finally {
            traffic.close();
        }
        traffic.assertClean();
        assertEquals("no request had to wait for capacity", waitsBefore, platform.capacityWaits());
        Files.writeString(Path.of(System.getProperty("warpdrive.itest.dir")).resolveSibling("swap-latency.txt"),
                "longest request without swaps: " + TimeUnit.NANOSECONDS.toMicros(quietMax) + " us over "
                        + quietRequests + " requests\nlongest request across 150 deployments (50 policy swaps): "
                        + TimeUnit.NANOSECONDS.toMicros(swapMax) + " us over " + swapRequests + " requests\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void swapsThroughTheOsgiApiAndTheShellUnderLoadLoseNothing() throws Exception {
        awaitSoft();
        ServiceReference<?> cliRef = InFramework.awaitService(context, ToIntFunction.class.getName());
        ToIntFunction<Object> cli = (ToIntFunction<Object>) context.getService(cliRef);
        Path dir = Files.createTempDirectory(InFramework.home(context), "policies");
        Path rrJar = Files.write(dir.resolve("rr.jar"), policyJar(RR));
        Path locJar = Files.write(dir.resolve("locality.jar"), policyJar(LOCALITY));
        Traffic traffic = new Traffic(compressor, 4);
        try {
            traffic.awaitProgress(20);
            Bundle rr = context.installBundle(rrJar.toUri().toString());
            Bundle loc = context.installBundle(locJar.toUri().toString());
            rr.start();
            loc.start();
            awaitActive("locality");
            traffic.awaitProgress(20);
            String[] order = { "rr", "priority", "locality", "rr" };
            for (int i = 0; i < order.length; i++) {
                String name = order[i];
                if (i % 2 == 0) {
                    assertEquals("wd:sched use " + name, 0, cli.applyAsInt(new String[] { "sched", "use", name }));
                } else {
                    java.util.Map<String, Integer> rankings = rankings();
                    platform.usePolicy(name);
                    assertEquals("choosing a policy changes no ranking", rankings, rankings());
                }
                awaitActive(name);
                traffic.awaitProgress(20);
            }
            WdException unknown = assertThrows(WdException.class, () -> platform.usePolicy("no-such-policy"));
            assertEquals(WdStatus.INVALID_ARGUMENT, unknown.status());
            assertTrue(unknown.getMessage(), unknown.getMessage().contains("locality"));
            rr.update();
            traffic.awaitProgress(20);
            rr.uninstall();
            loc.uninstall();
            awaitActive("priority");
            traffic.awaitProgress(20);
        } finally {
            traffic.close();
            context.ungetService(cliRef);
            forgetRankings();
        }
        traffic.assertClean();
    }
}
