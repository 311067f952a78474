package io.warpdrive.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.Option;

import io.warpdrive.launcher.BundleIndex;
import io.warpdrive.launcher.FrameworkProperties;
import io.warpdrive.testing.data.SilesiaCorpus;

/**
 * The Pax Exam configuration of the WarpDrive platform, for every integration test:
 *
 * <pre>
 * &#64;Configuration
 * public Option[] config() {
 *     return WarpDriveOptions.platform(WarpDriveOptions.extraBundle(myConsumerBundle));
 * }
 * </pre>
 *
 * <ul>
 * <li>{@link #platformBundles()}: exactly the bundles of the product, from
 * {@code launcher/target/bundles/} in the order of its {@code start-order.txt}, by {@code file:}
 * URL, all at one start level so that they start in that order;</li>
 * <li>{@link #frameworkProperties(Path)}: {@code cnf/run/framework.properties}, expanded with
 * {@code warpdrive.home} = a fresh directory per configuration (deploy/, conf/, data/ inside);</li>
 * <li>{@link #examInfrastructure()}: what Pax Exam's own bundles need inside the framework
 * (JUnit and slf4j 1.7);</li>
 * <li>{@link #testKit()}: the test kit's bundle (fake driver, process-resource probes);</li>
 * <li>{@link #testData()}: the test-data bundle (generated test files), and the system property
 * {@code warpdrive.corpus} (the optional Silesia corpus) passed through;</li>
 * <li>{@link #healthChecks()}: the Felix Health Checks and WarpDrive's checks;</li>
 * <li>{@link #extraBundle(Path)} / {@link #extraBundle(InputStream)}: test bundles (a file, or a
 * stream from tinybundles), started after the platform.</li>
 * </ul>
 *
 * <p>Only the {@code @Configuration} method, which runs outside the framework, may use this
 * class (it needs the launcher's classes); test methods run inside the framework and find what
 * they need in the framework properties ({@link #PLATFORM_LOCATIONS}, {@code warpdrive.home}).
 */
public final class WarpDriveOptions {

    /** Framework property: the locations of the platform bundles, in start order, comma-separated. */
    public static final String PLATFORM_LOCATIONS = "warpdrive.itest.platform";
    /** Framework property set by cnf/run/framework.properties: the home of this framework. */
    public static final String HOME = "warpdrive.home";

    /** Start level of the platform bundles (Pax Exam's own bundles are at 2, the probe at 5). */
    public static final int PLATFORM_START_LEVEL = Constants.START_LEVEL_DEFAULT_PROVISION;
    /** Start level of extra (test) bundles: after the platform, before the probe. */
    public static final int EXTRA_START_LEVEL = Constants.START_LEVEL_TEST_BUNDLE - 1;

    /** Keys Pax Exam owns in the native container (it gives every container its own storage). */
    private static final List<String> NOT_APPLICABLE = List.of("org.osgi.framework.storage", "org.osgi.framework.storage.clean");

    private WarpDriveOptions() {
    }

    /** Everything a platform test needs, plus {@code extra}. */
    public static Option[] platform(Option... extra) {
        return platformIn(newHome(), extra);
    }

    /** Everything a platform test needs on a given home (see {@link #newHome()}), plus {@code extra}. */
    public static Option[] platformIn(Path home, Option... extra) {
        List<Option> options = new ArrayList<>();
        options.add(examInfrastructure());
        options.add(frameworkProperties(home));
        options.add(platformBundles());
        options.add(testData());
        options.add(testKit());
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /** The product's bundles, in start order, by file: URL. */
    public static Option platformBundles() {
        List<Path> files = platformBundleFiles();
        List<Option> options = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        for (Path f : files) {
            String location = f.toUri().toString();
            locations.add(location);
            options.add(bundle(location).startLevel(PLATFORM_START_LEVEL));
        }
        options.add(frameworkProperty(PLATFORM_LOCATIONS).value(String.join(",", locations)));
        return composite(options.toArray(new Option[0]));
    }

    /** The staged bundle files (launcher/target/bundles), in start order. */
    public static List<Path> platformBundleFiles() {
        Path dir = Path.of(required("warpdrive.bundles.dir"));
        try {
            return BundleIndex.readDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cnf/run/framework.properties, expanded for {@code home}. */
    public static Option frameworkProperties(Path home) {
        Path file = Path.of(required("warpdrive.cnf"), "run", "framework.properties");
        Map<String, String> props = FrameworkProperties.expand(FrameworkProperties.loadUnchecked(file),
                Map.of(HOME, home.toString()), System::getProperty);
        props = FrameworkProperties.withOverrides(props, System::getProperty);
        List<Option> options = new ArrayList<>();
        props.forEach((k, v) -> {
            if (!NOT_APPLICABLE.contains(k)) {
                options.add(frameworkProperty(k).value(v));
            }
        });
        return composite(options.toArray(new Option[0]));
    }

    /**
     * A new, empty home with the layout the launcher creates (FileInstall does not create its
     * folders). Under target/itest-homes, so it can be looked at after a failure.
     */
    public static Path newHome() {
        try {
            Path base = Files.createDirectories(Path.of(required("warpdrive.itest.dir")));
            Path home = Files.createTempDirectory(base, "home-");
            for (String dir : new String[] {"deploy", "conf", "data"}) {
                Files.createDirectories(home.resolve(dir));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What Pax Exam's bundles need in the framework besides their link files: the JUnit 4 bundles
     * and the invoker, and slf4j 1.7 (api + simple binding, a fragment) since pax.exam.logging=none.
     */
    public static Option examInfrastructure() {
        String slf4j = required("warpdrive.itest.slf4j.version");
        return composite(
                junitBundles(),
                mavenBundle("org.slf4j", "slf4j-api", slf4j).startLevel(Constants.START_LEVEL_SYSTEM_BUNDLES),
                mavenBundle("org.slf4j", "slf4j-simple", slf4j).noStart().startLevel(Constants.START_LEVEL_SYSTEM_BUNDLES));
    }

    /**
     * The test-data bundle (the tests' generated files: the probe imports its package), and the
     * system property naming the optional Silesia corpus folder, passed through if set.
     */
    public static Option testData() {
        Option bundle = bundle(Path.of(required("warpdrive.testdata.bundle")).toUri().toString())
                .startLevel(EXTRA_START_LEVEL);
        String corpus = System.getProperty(SilesiaCorpus.PROPERTY);
        return corpus == null ? bundle : composite(bundle, systemProperty(SilesiaCorpus.PROPERTY).value(corpus));
    }

    /**
     * The test kit's bundle (the fake driver a test registers as a service, the process-resource
     * probes): the probe imports its package.
     */
    public static Option testKit() {
        return bundle(Path.of(required("warpdrive.testkit.bundle")).toUri().toString()).startLevel(EXTRA_START_LEVEL);
    }

    /**
     * The Felix Health Checks (API and core, with the Event Admin, Servlet Whiteboard and servlet
     * APIs its core imports) and WarpDrive's health checks bundle, started after the platform.
     */
    public static Option healthChecks() {
        List<Option> options = new ArrayList<>();
        for (String coordinates : required("warpdrive.itest.healthcheck.versions").split(",")) {
            String[] gav = coordinates.split(":");
            options.add(mavenBundle(gav[0], gav[1], gav[2]).startLevel(EXTRA_START_LEVEL));
        }
        options.add(extraBundle(Path.of(required("warpdrive.itest.health.jar"))));
        return composite(options.toArray(new Option[0]));
    }

    /**
     * The Felix HTTP service (Jetty, with Felix's servlet API bundle) on a free port,
     * the framework property {@code org.osgi.service.http.port}, started after the platform.
     */
    public static Option httpService() {
        return composite(frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                // Jetty imports the javax servlet API as well as the jakarta one: Felix's servlet-api has both.
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api",
                        required("warpdrive.itest.http.servlet.api.version")).startLevel(EXTRA_START_LEVEL),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty", required("warpdrive.itest.http.jetty.version"))
                        .startLevel(EXTRA_START_LEVEL));
    }

    /** A TCP port free now on this machine (other builds may run beside this one). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test bundle from a file, started after the platform. */
    public static Option extraBundle(Path jar) {
        return bundle(jar.toUri().toString()).startLevel(EXTRA_START_LEVEL);
    }

    /** A test bundle from a stream (e.g. tinybundles' {@code build()}), started after the platform. */
    public static Option extraBundle(InputStream bundle) {
        return streamBundle(bundle).startLevel(EXTRA_START_LEVEL);
    }

    /** A system property the failsafe configuration sets (itests/pom.xml); fails saying so when absent. */
    static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run the itests through 'mvn verify')");
        }
        return v;
    }
}
