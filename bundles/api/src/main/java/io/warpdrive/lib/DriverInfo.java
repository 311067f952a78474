package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import java.util.ArrayList;
import java.util.List;
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
 * @param capabilities the capability matrix: per algorithm and direction, stateless and stream,
 *        and the device request limit (since 1.4; a driver that gives none serves each of its
 *        algorithms fully, see {@link #DriverInfo(String, CalcType, int, Set, Set, boolean, boolean)})
 * @param presetDictionary its raw deflate compression streams can be primed with a preset
 *        dictionary ({@link Driver#openStream(Algorithm, io.warpdrive.comp.Operation, int,
 *        WindowSize, java.nio.ByteBuffer)}); since 1.4
 * @since 1.3
 */
public record DriverInfo(String name, CalcType calcType, int priority, Set<Algorithm> algorithms,
        Set<WindowSize> compressionWindows, boolean scatterGather, boolean directMemoryOnly,
        List<Capability> capabilities, boolean presetDictionary) {

    /** The collections are copied (unmodifiable); all are required. */
    public DriverInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(calcType, "calcType");
        algorithms = Set.copyOf(algorithms);
        compressionWindows = Set.copyOf(compressionWindows);
        capabilities = List.copyOf(capabilities);
    }

    /** A driver that serves each of its algorithms both ways, stateless and as a stream (1.3's meaning). */
    public DriverInfo(String name, CalcType calcType, int priority, Set<Algorithm> algorithms,
            Set<WindowSize> compressionWindows, boolean scatterGather, boolean directMemoryOnly) {
        this(name, calcType, priority, algorithms, compressionWindows, scatterGather, directMemoryOnly,
                fullMatrix(algorithms), false);
    }

    /** A driver with a capability matrix that takes no preset dictionary. */
    public DriverInfo(String name, CalcType calcType, int priority, Set<Algorithm> algorithms,
            Set<WindowSize> compressionWindows, boolean scatterGather, boolean directMemoryOnly,
            List<Capability> capabilities) {
        this(name, calcType, priority, algorithms, compressionWindows, scatterGather, directMemoryOnly,
                capabilities, false);
    }

    /** Every algorithm, both directions, stateless and stream, no device request limit. */
    public static List<Capability> fullMatrix(Set<Algorithm> algorithms) {
        List<Capability> rows = new ArrayList<>();
        for (Algorithm a : Algorithm.values()) {
            if (algorithms.contains(a)) {
                for (Operation op : Operation.values()) {
                    rows.add(Capability.full(a, op));
                }
            }
        }
        return rows;
    }

    /** A driver that serves its algorithms fully, with or without preset dictionaries. */
    public DriverInfo(String name, CalcType calcType, int priority, Set<Algorithm> algorithms,
            Set<WindowSize> compressionWindows, boolean scatterGather, boolean directMemoryOnly,
            boolean presetDictionary) {
        this(name, calcType, priority, algorithms, compressionWindows, scatterGather, directMemoryOnly,
                fullMatrix(algorithms), presetDictionary);
    }

    /** The same driver at another priority (drivers take theirs from configuration). */
    public DriverInfo withPriority(int newPriority) {
        return new DriverInfo(name, calcType, newPriority, algorithms, compressionWindows, scatterGather,
                directMemoryOnly, capabilities, presetDictionary);
    }

    /**
     * True when the capability matrix lists the algorithm in that direction and mode. A
     * device of the driver may still serve less ({@link Device#serves}).
     *
     * @since 1.4
     */
    public boolean serves(Algorithm algorithm, Operation operation, boolean stream) {
        for (Capability c : capabilities) {
            if (c.algorithm() == algorithm && c.operation() == operation && c.serves(stream)) {
                return true;
            }
        }
        return false;
    }
}
