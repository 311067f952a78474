package io.warpdrive.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * One running framework with the embedded bundles: boot, start in order, stop and wait.
 */
final class Platform {

    /** Framework configuration key of Felix's logger object. */
    static final String FELIX_LOGGER = "felix.log.logger";

    private final Framework framework;
    private final List<Bundle> embedded;
    private final List<Bundle> deferred = new ArrayList<>();
    private final PrintStream err;
    private final boolean verbose;

    private Platform(Framework framework, List<Bundle> embedded, PrintStream err, boolean verbose) {
        this.framework = framework;
        this.embedded = embedded;
        this.err = err;
        this.verbose = verbose;
    }

    /**
     * Creates and starts the framework, installs the embedded bundles and starts them in order,
     * except those {@code startLater} selects (see {@link #startDeferred()}). A bundle that does
     * not start is reported on stderr and the others go on: {@code bundles} then shows why.
     */
    static Platform boot(Map<String, String> properties, PrintStream err, boolean verbose, Predicate<Bundle> startLater)
            throws LauncherException {
        return boot(properties, List.of(), err, verbose, startLater);
    }

    /** As above, also installing (after the platform's) the embedded optional bundle sets named. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Platform boot(Map<String, String> properties, List<String> optionalSets, PrintStream err, boolean verbose,
            Predicate<Bundle> startLater) throws LauncherException {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class, Platform.class.getClassLoader()).iterator();
        if (!factories.hasNext()) {
            throw new LauncherException(ExitCodes.FAILURE, "no OSGi framework in the launcher jar");
        }
        // Felix accepts objects in its configuration map; the logger is one (felix.log.logger).
        Map config = new HashMap<>(properties);
        config.put(FELIX_LOGGER, new FrameworkLog(err, verbose));
        Framework framework = factories.next().newFramework(config);
        Platform platform;
        try {
            framework.init();
            List<Bundle> bundles = EmbeddedBundles.install(framework.getBundleContext(), optionalSets);
            platform = new Platform(framework, bundles, err, verbose);
            forgetAutostart(bundles);
            framework.start();
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new LauncherException(ExitCodes.FAILURE, "cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (LauncherException e) {
            stopQuietly(framework);
            throw e;
        }
        for (Bundle b : platform.embedded) {
            if (EmbeddedBundles.isFragment(b)) {
                continue;
            }
            if (startLater.test(b)) {
                platform.deferred.add(b);
            } else {
                platform.start(b);
            }
        }
        return platform;
    }

    /**
     * A reused storage remembers which bundles an earlier run started, and the framework's start
     * starts them again, before this class starts the others in their order: a run of
     * {@code bundles} (which starts everything) made every later one-shot command start Gogo too,
     * and a run that held FileInstall back (conf/ was empty) made the next run start the engine
     * before FileInstall, so the configuration it then read from conf/ reached the engine late,
     * maybe after the command had run. Recording every bundle as stopped (which changes nothing
     * else of a bundle that is not running) leaves the framework's start nothing to start: the
     * bundles start in their order below, FileInstall's first scan (synchronous, as its start)
     * delivers conf/ to Configuration Admin, and the components read it as they activate.
     */
    private static void forgetAutostart(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            if (!EmbeddedBundles.isFragment(b) && b.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                b.stop();
            }
        }
    }

    /**
     * Transient: every boot starts the bundles itself (above), so their persistent state is never
     * read, and recording it cost a write of the bundle's state file at every start of every bundle
     * (and, from a storage where it was recorded, another at the next boot's {@link #forgetAutostart}).
     */
    private void start(Bundle b) {
        try {
            b.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            err.println("warning: bundle " + b.getSymbolicName() + " " + b.getVersion() + " did not start: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
        }
    }

    /** Starts the bundles held back at boot. */
    void startDeferred() {
        startDeferred(b -> true);
    }

    /** Starts those of the bundles held back at boot that {@code which} selects; the others stay resolved. */
    void startDeferred(Predicate<Bundle> which) {
        if (!isRunning()) {
            deferred.clear();
            return;
        }
        for (Bundle b : deferred) {
            if (which.test(b)) {
                start(b);
            }
        }
        deferred.clear();
    }

    Framework framework() {
        return framework;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    List<Bundle> embedded() {
        return embedded;
    }

    boolean isRunning() {
        int state = framework.getState();
        return state == Bundle.ACTIVE || state == Bundle.STARTING;
    }

    /** Asks the framework to stop and returns at once (Felix stops it on its own thread). */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException | RuntimeException e) {
            err.println("warning: stopping the OSGi framework: " + e.getMessage());
        }
    }

    /** Waits until the framework stops by itself (e.g. the shell's exit). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Stops the framework and waits for it at most {@code timeout}.
     *
     * @return whether it stopped in time
     */
    boolean stop(Duration timeout) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeout.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                err.println("warning: the OSGi framework did not stop within " + timeout.toSeconds() + " s");
                return false;
            }
            return true;
        } catch (BundleException e) {
            err.println("warning: stopping the OSGi framework: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException | RuntimeException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
