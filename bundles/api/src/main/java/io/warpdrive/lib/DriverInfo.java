package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WindowSize;
import java.util.Objects;
import java.util.Set;

/**
 * What a driver is, as data, the way UADK's {@code wd_alg_driver} describes a driver
 * with struct fields rather than code: its name, where it computes, its priority, what it
 * serves, and how it takes buffers. A driver returns one from {@link Driver#info()}; the
 * platform reads the rest of {@link Driver}'s description from it.
 *
 * @param name short unique name, e.g. {@code soft}, {@code hisi_zip}
 * @param calcType where the driver computes
 * @param priority larger wins, as {@code wd_alg_driver.priority} and {@code cra_priority}
 * @param algorithms the algorithms the driver can serve at most (its devices may serve
 *        fewer, see {@link Device#algorithms()})
 * @param compressionWindows the windows it compresses with (decompression takes any)
 * @param scatterGather jobs may carry multi-segment lists; otherwise the platform bounces
 *        them into one buffer
 * @param directMemoryOnly jobs must use direct buffers; otherwise heap buffers are passed
 *        as they are
 * @since 1.3
 */
public record DriverInfo(String name, CalcType calcType, int priority, Set<Algorithm> algorithms,
        Set<WindowSize> compressionWindows, boolean scatterGather, boolean directMemoryOnly) {

    /** The sets are copied (unmodifiable); name, calc type and sets are required. */
    public DriverInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(calcType, "calcType");
        algorithms = Set.copyOf(algorithms);
        compressionWindows = Set.copyOf(compressionWindows);
    }

    /** The same driver at another priority (drivers take theirs from configuration). */
    public DriverInfo withPriority(int newPriority) {
        return new DriverInfo(name, calcType, newPriority, algorithms, compressionWindows, scatterGather,
                directMemoryOnly);
    }
}
