package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.lib.Driver;
import io.warpdrive.testing.data.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The features repository (features/, its feature.xml as built) in a real Apache Karaf: Karaf
 * installs the platform, the soft and isal drivers by feature from this build's staged bundles
 * (features/target/repository, a Maven repository layout), and Karaf's own features from its
 * system folder, with no network. A compression goes through the platform; Karaf's shell lists
 * and runs the wd: commands; the isal driver's feature is uninstalled under load
 * ({@link ChurnLoad}: every request comes back exactly once, a failure only as a typed error
 * while the driver goes away) and the soft driver serves on.
 *
 * <p>Runs in its own failsafe execution (itests/pom.xml, "karaf"), with Pax Exam's Karaf container
 * on the class path instead of the native one the other tests use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafFeaturesIT {
    private static final String ISAL_FEATURE = "warpdrive-driver-isal";
    private static final int CONSUMERS = 3;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory shell;

    @Configuration
    public Option[] config() {
        String stagedRepository = WarpDriveOptions.required("warpdrive.itest.karaf.repository");
        String localRepository = WarpDriveOptions.required("org.ops4j.pax.url.mvn.localRepository");
        String mvn = "etc/org.ops4j.pax.url.mvn.cfg";
        return new Option[] {
                karafDistributionConfiguration()
                        .frameworkUrl(maven("org.apache.karaf", "apache-karaf").type("tar.gz")
                                .version(WarpDriveOptions.required("warpdrive.itest.karaf.version")))
                        .unpackDirectory(new File(WarpDriveOptions.required("warpdrive.itest.dir"), "karaf"))
                        .useDeployFolder(false),
                when(Boolean.getBoolean("warpdrive.itest.karaf.keep")).useOptions(keepRuntimeFolder()),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // Artifacts by file only: Karaf's system folder, this build's staged bundles and the
                // local repository Maven filled (its third-party bundles, Pax Exam's own); no remote.
                editConfigurationFilePut(mvn, "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                                + "file:" + stagedRepository + "@id=warpdrive@snapshots,"
                                + "file:" + localRepository + "@id=local@snapshots"),
                editConfigurationFilePut(mvn, "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut(mvn, "org.ops4j.pax.url.mvn.localRepository", localRepository),
                // Karaf's RMI ports on free ones (other builds may run beside this one).
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(WarpDriveOptions.freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(WarpDriveOptions.freePort())),
                features("file:" + WarpDriveOptions.required("warpdrive.itest.karaf.features"), "warpdrive", "warpdrive-driver-soft",
                        ISAL_FEATURE),
                // ChurnLoad's data.
                bundle("file:" + WarpDriveOptions.required("warpdrive.testdata.bundle")),
        };
    }

    @Test
    public void theFeaturesServeCompressionTheShellListsTheCommandsAndADriverFeatureLeavesUnderLoad()
            throws Exception {
        ServiceTracker<Platform, Platform> platforms = new ServiceTracker<>(context, Platform.class, null);
        ServiceTracker<Compressor, Compressor> compressors = new ServiceTracker<>(context, Compressor.class, null);
        platforms.open();
        compressors.open();
        try {
            Platform platform = platforms.waitForService(InFramework.TIMEOUT_S * 1000);
            assertNotNull("the platform in Karaf", platform);
            InFramework.awaitGzipBothWays(platform);

            Compressor compressor = compressors.waitForService(InFramework.TIMEOUT_S * 1000);
            byte[] data = TestFiles.sample("text", 256 * 1024);
            byte[] packed = compressor.compress(Algorithm.GZIP, data);
            assertArrayEquals("gzip through the platform in Karaf, read back by java.util.zip", data,
                    Jdk.decompress(Algorithm.GZIP, packed));

            Set<String> wd = shell.getRegistry().getCommands().stream().filter(c -> "wd".equals(c.getScope()))
                    .map(Command::getName).collect(Collectors.toCollection(TreeSet::new));
            assertTrue("Karaf's shell lists the wd: commands: " + wd,
                    wd.containsAll(Set.of("compress", "decompress", "drivers", "devices", "queues", "sched")));
            String drivers = run("wd:drivers");
            assertTrue("wd:drivers in Karaf's shell names the soft driver:\n" + drivers, drivers.contains("soft"));

            try (ChurnLoad load = new ChurnLoad(compressors)) {
                load.start(CONSUMERS);
                awaitServed(load);
                load.down(ISAL_FEATURE);
                features.uninstallFeature(ISAL_FEATURE);
                assertEquals("no isal driver after its feature is uninstalled", 0, drivers("isal"));
                load.up();
                awaitServed(load);
                load.close();
                assertTrue("problems while the isal feature was uninstalled: " + load.problems() + "; "
                        + load.summary(), load.problems().isEmpty());
            }
            assertTrue("the soft driver serves on", drivers("soft") == 1);
            assertArrayEquals(data, Jdk.decompress(Algorithm.GZIP, compressor.compress(Algorithm.GZIP, data)));
        } finally {
            compressors.close();
            platforms.close();
        }
    }

    private static void awaitServed(ChurnLoad load) {
        long before = load.served();
        Await.until(() -> "the load served (" + load.summary() + "; problems: " + load.problems() + ")",
                () -> load.served() > before + CONSUMERS || !load.problems().isEmpty());
    }

    private int drivers(String name) throws InvalidSyntaxException {
        return (int) context.getServiceReferences(Driver.class, null).stream()
                .map(context::getService)
                .filter(d -> d != null && name.equals(d.name()))
                .count();
    }

    /** Runs a command in a Karaf shell session, as an operator at the console would, and returns its output. */
    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session session = shell.create(new ByteArrayInputStream(new byte[0]), print, print);
            try {
                session.execute(command);
            } finally {
                session.close();
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
