package io.warpdrive.admin;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The performance model of one engine (a device of a driver): what the platform has learned of
 * its service time per operation, algorithm, level and request size, from every completion.
 *
 * @since 1.2
 */
@ProviderType
public interface ModelInfo {

    String driver();

    String device();

    boolean hardware();

    /**
     * Predicted time of a request of this kind on this engine, in nanoseconds: its service time,
     * plus the hand-back to the caller for a sync request; -1 while the engine has too few samples
     * of this kind of request (its size class) to predict.
     */
    long predictNanos(Operation operation, Algorithm algorithm, int level, long bytes, boolean sync);

    /** Completions this engine learned from for requests of this kind (its size class). */
    long samples(Operation operation, Algorithm algorithm, int level, long bytes);

    /**
     * How settled the model of requests of this kind (its size class) is, 0 (nothing learned) to
     * 1: the weight of its samples, older ones weighing less, against the most it can reach.
     */
    double confidence(Operation operation, Algorithm algorithm, int level, long bytes);

    /** When the engine last passed its calibration, in milliseconds since the epoch; 0 when it has not. */
    long lastCalibrationMillis();

    /** What the model predicts for each kind of request and size it has learned something of. */
    default java.util.List<ModelEstimate> estimates() {
        return ModelEstimate.of(this);
    }

    /** Jobs the engine failed itself (device errors, timeouts), each counted as a slow sample. */
    long failures();

    /** How long a sync caller takes to run again once its job completed on this engine (learned). */
    long handBackNanos();

    /** Why the engine gets no traffic (a failed self-test, or "quarantined: ..."), or null. */
    String refused();
}
