package io.warpdrive.driver.soft;

import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Driver;
import io.warpdrive.testing.conformance.DriverUnderTest;
import io.warpdrive.testing.conformance.TestLoggers;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The soft driver started outside a framework, as Declarative Services would start it: a
 * logger and a configuration, then activate. Public (and in this module's test-jar) so
 * other drivers' tests can have the CPU driver next to theirs.
 */
public final class SoftDriverUnderTest implements DriverUnderTest {
    private final SoftDriver driver = new SoftDriver();
    private final TestLoggers.Recording log = TestLoggers.recording("soft");

    private SoftDriverUnderTest(Map<String, ?> config) {
        driver.logger = log.logger();
        driver.activate(new HashMap<>(config));
    }

    /** The soft driver with its default configuration. */
    public static SoftDriverUnderTest start() {
        return new SoftDriverUnderTest(Map.of());
    }

    /** The soft driver with configuration properties ({@code workers}, {@code depth}, ...). */
    public static SoftDriverUnderTest start(Map<String, ?> config) {
        return new SoftDriverUnderTest(config);
    }

    /** A configuration change, as Configuration Admin delivers it ({@code workers} and spin apply live). */
    public void reconfigure(Map<String, ?> config) {
        driver.modified(new HashMap<>(config));
    }

    @Override
    public Driver driver() {
        return driver;
    }

    /** java.util.zip compresses with a 32 KiB window only. */
    @Override
    public Set<WindowSize> compressionWindows() {
        return EnumSet.of(WindowSize.W32K);
    }

    public TestLoggers.Recording log() {
        return log;
    }

    @Override
    public void close() {
        driver.deactivate();
    }
}
