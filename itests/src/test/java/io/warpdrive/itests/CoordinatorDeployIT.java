package io.warpdrive.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;

/**
 * The coordinator is not in the product: it is deployed. Dropped into deploy/ under load it
 * takes over (ranking 30) with its tune service; deleted, the default policy is back — five
 * times, with no request failed, lost or duplicated. (This test names the tune service by
 * string only: the bundle comes and goes, and the test must not wire to one of its revisions.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoordinatorDeployIT {
    private static final String BSN = "io.warpdrive.sched.coordinator";
    private static final String TUNE_SERVICE = "io.warpdrive.coordinator.Coordinator";

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform(frameworkProperty("felix.fileinstall.poll").value("50"));
    }

    private void awaitActive(String name) {
        Await.until(() -> "policy " + name + " active (now: " + platform.schedulers().stream().map(SchedulerInfo::name)
                .collect(Collectors.toList()) + ")", () -> {
                    List<SchedulerInfo> list = platform.schedulers();
                    return !list.isEmpty() && list.get(0).active() && list.get(0).name().equals(name);
                });
    }

    @Test
    public void deployedAndRemovedUnderLoadItLosesNothing() throws Exception {
        assertTrue(platform.awaitQueue(Algorithm.GZIP, Operation.COMPRESS, FallbackPolicy.AUTO,
                Duration.ofSeconds(InFramework.TIMEOUT_S)));
        byte[] jar = PolicyJars.read(BSN);
        DeployFolder deploy = new DeployFolder(context);
        assertNull("not in the product", InFramework.bundle(context, BSN));
        Traffic traffic = new Traffic(compressor, 4);
        try {
            traffic.awaitProgress(20);
            for (int i = 0; i < 5; i++) {
                deploy.await(BSN, BundleEvent.STARTED, () -> deploy.place(jar, "coordinator.jar"));
                awaitActive("coordinator");
                assertNotNull("its tune service is registered", InFramework.awaitService(context, TUNE_SERVICE));
                traffic.awaitProgress(20);
                deploy.await(BSN, BundleEvent.UNINSTALLED, () -> deploy.delete("coordinator.jar"));
                awaitActive("priority");
                traffic.awaitProgress(20);
            }
        } finally {
            traffic.close();
        }
        traffic.assertClean();
        assertNull(context.getServiceReference(TUNE_SERVICE));
    }
}
