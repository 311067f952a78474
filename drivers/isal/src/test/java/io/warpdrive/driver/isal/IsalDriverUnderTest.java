package io.warpdrive.driver.isal;

import io.warpdrive.comp.WindowSize;
import io.warpdrive.driver.isal.igzip.IgzipLoader;
import io.warpdrive.driver.isal.igzip.JnaIgzip;
import io.warpdrive.lib.Driver;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The isal driver started outside a framework, as Declarative Services would start it: a
 * logger, a loader for libisal and a configuration, then activate.
 */
public final class IsalDriverUnderTest implements DriverUnderTest {
    private final IsalDriver driver = new IsalDriver();
    private final TestLoggers.Recording log = TestLoggers.recording("isal");

    private IsalDriverUnderTest(Map<String, ?> config, IgzipLoader loader) {
        driver.logger = log.logger();
        driver.loader = loader;
        driver.activate(null, new HashMap<>(config));
    }

    /**
     * The driver on this machine's libisal with its default configuration; the test is
     * skipped, with the reason, where libisal is not installed (CI installs it).
     */
    public static IsalDriverUnderTest start() {
        return start(Map.of());
    }

    static IsalDriverUnderTest start(Map<String, ?> config) {
        return start(config, JnaIgzip.LOADER).assumeAvailable();
    }

    /** The driver with a given loader, available or not. */
    static IsalDriverUnderTest start(Map<String, ?> config, IgzipLoader loader) {
        return new IsalDriverUnderTest(config, loader);
    }

    private IsalDriverUnderTest assumeAvailable() {
        String reason = driver.unavailableReason();
        if (reason != null) {
            close();
            Assumptions.abort("the isal driver is unavailable here (install libisal2): " + reason);
        }
        return this;
    }

    @Override
    public IsalDriver driver() {
        return driver;
    }

    /** igzip compresses with every window from 4 to 32 KiB. */
    @Override
    public Set<WindowSize> compressionWindows() {
        return EnumSet.allOf(WindowSize.class);
    }

    /** A configuration change, as Configuration Admin would deliver it. */
    void modify(Map<String, ?> config) {
        driver.modified(new HashMap<>(config));
    }

    TestLoggers.Recording log() {
        return log;
    }

    @Override
    public void close() {
        driver.deactivate();
    }
}
