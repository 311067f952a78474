package io.warpdrive.testing.conformance;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
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

    /**
     * The algorithms some device of the driver compresses but none decompresses (a device
     * that serves an algorithm one way only, as hisi_zip's zstd and LZ4): the suite
     * round-trips them through the reference decoder instead of skipping them.
     */
    default Set<Algorithm> compressOnlyAlgorithms() {
        Set<Algorithm> compress = EnumSet.noneOf(Algorithm.class);
        Set<Algorithm> decompress = EnumSet.noneOf(Algorithm.class);
        for (Device d : driver().devices()) {
            for (Algorithm a : d.algorithms()) {
                if (d.serves(a, Operation.COMPRESS, WindowSize.W32K)) {
                    compress.add(a);
                }
                if (d.serves(a, Operation.DECOMPRESS, WindowSize.W32K)) {
                    decompress.add(a);
                }
            }
        }
        compress.removeAll(decompress);
        return compress;
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
