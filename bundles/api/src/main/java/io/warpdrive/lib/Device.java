package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** One accelerator, real or emulated ({@code uacce_dev}). */
@ConsumerType
public interface Device {

    /** Unique name, e.g. {@code hisi_zip-0} or {@code soft-0}. */
    String name();

    Set<Algorithm> algorithms();

    /** True if queues of this device can serve the algorithm in that direction with that window. */
    default boolean serves(Algorithm algorithm, Operation operation, WindowSize window) {
        return algorithms().contains(algorithm);
    }

    /** NUMA node of the device (0 when unknown). */
    int numaNode();

    /** Queue instances the device has in all. */
    int instances();

    /** Instances free now ({@code available_instances}). */
    int availableInstances();

    DeviceHealth health();

    /** Descriptive attributes for administrators, e.g. {@code api}, {@code emulated}. */
    default Map<String, String> attributes() {
        return Map.of();
    }

    /**
     * Opens a queue ({@code wd_request_ctx}) for one direction.
     *
     * @throws io.warpdrive.comp.WdException BUSY when no instance is free (a normal
     *         outcome), DEVICE_ERROR when the device fails
     */
    Queue openQueue(Operation operation, QueueMode mode);
}
