package io.warpdrive.itests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.FallbackPolicy;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.util.Set;
import org.junit.Assert;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Helpers for test methods, which run inside the framework (OSGi API only). */
public final class InFramework {

    public static final long TIMEOUT_S = 15;

    private InFramework() {
    }

    /** Locations of the platform bundles, in start order (set by {@link WarpDriveOptions}). */
    public static List<String> platformLocations(BundleContext context) {
        String s = context.getProperty(WarpDriveOptions.PLATFORM_LOCATIONS);
        if (s == null || s.isBlank()) {
            throw new IllegalStateException(WarpDriveOptions.PLATFORM_LOCATIONS + " is not set: configure with WarpDriveOptions");
        }
        return Arrays.asList(s.split(","));
    }

    /** The home directory of this framework (deploy/, conf/, data/). */
    public static Path home(BundleContext context) {
        return Path.of(context.getProperty(WarpDriveOptions.HOME));
    }

    /** The bundle with that symbolic name, or null. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Waits (bounded) until a driver serves gzip in both directions under AUTO; fails the test if none does. */
    /** Waits for a condition, bounded by {@link #TIMEOUT_S}; fails the test if it does not hold in time. */
    public static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT_S + " s waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    public static void awaitGzipBothWays(Platform platform) {
        for (Operation op : Operation.values()) {
            Assert.assertTrue("a driver serves gzip " + op, platform.awaitQueue(Algorithm.GZIP, op, FallbackPolicy.AUTO,
                    Duration.ofSeconds(TIMEOUT_S)));
        }
    }

    /**
     * The product's CPU driver bundles that are installed: soft, and isal (which serves AUTO
     * requests before soft where libisal is installed). With no accelerator in these tests,
     * stopping them all leaves requests without a driver.
     */
    public static List<Bundle> cpuDrivers(BundleContext context) {
        List<Bundle> cpu = new java.util.ArrayList<>();
        for (String name : new String[] {"io.warpdrive.driver.isal", "io.warpdrive.driver.soft"}) {
            Bundle b = bundle(context, name);
            if (b != null) {
                cpu.add(b);
            }
        }
        Assert.assertFalse("a CPU driver bundle is installed", cpu.isEmpty());
        return cpu;
    }

    public static void stop(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            b.stop();
        }
    }

    public static void start(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            b.start();
        }
    }

    /** Waits at most {@link #TIMEOUT_S} for a service registered under {@code className}. */
    public static ServiceReference<?> awaitService(BundleContext context, String className) throws InterruptedException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter("(objectClass=" + className + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open(true);
        try {
            tracker.waitForService(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** Decompressing {@code input} must fail with one of {@code statuses}; the failure, for more checks. */
    public static WdException expectDecompressionFailure(Set<WdStatus> statuses, Session s, byte[] input, String what) {
        try {
            s.decompress(input);
        } catch (WdException e) {
            Assert.assertTrue(what + ": " + e.getMessage(), statuses.contains(e.status()));
            return e;
        }
        throw new AssertionError(what + ": no error");
    }

    public static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }
}
