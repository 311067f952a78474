package io.warpdrive.testing.conformance;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.Driver;
import java.util.EnumSet;
import java.util.Set;

/**
 * A driver started outside a framework for the conformance suite, and what it takes to stop
 * it again. A driver module implements this once and subclasses each {@code *Conformance}
 * class with it.
 */
public interface DriverUnderTest extends AutoCloseable {

    /** The running driver; the suite binds it to its own engine. */
    Driver driver();

    /** The algorithms its devices serve (the suite tests those). */
    default Set<Algorithm> algorithms() {
        Set<Algorithm> all = EnumSet.noneOf(Algorithm.class);
        for (Device d : driver().devices()) {
            all.addAll(d.algorithms());
        }
        return all;
    }

    /** The windows it compresses with (decompression takes any window). */
    default Set<WindowSize> compressionWindows() {
        return EnumSet.allOf(WindowSize.class);
    }

    /**
     * The request sizes at which the driver changes how it works (the most one device
     * request carries, say), so that the suite tests one byte below, at and above each; none
     * by default.
     */
    default int[] requestLimits() {
        return new int[0];
    }

    /** Stops the driver and releases everything it holds. */
    @Override
    void close();
}
