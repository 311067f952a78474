package io.warpdrive.lib;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import java.util.Objects;

/**
 * One row of a driver's capability matrix: what it serves of one algorithm in one direction,
 * stateless and as a stream, and the most one device request takes (the driver splits larger
 * requests itself, so this is a property to show, not a limit on callers). The engine never
 * sends a driver a request its matrix does not list.
 *
 * @param algorithm the algorithm
 * @param operation the direction
 * @param stateless whole requests (one-shot sessions) are served
 * @param stream stream sessions are served
 * @param deviceRequestBytes the most one device request takes, 0 when the driver has no such limit
 * @since 1.4
 */
public record Capability(Algorithm algorithm, Operation operation, boolean stateless, boolean stream,
        long deviceRequestBytes) {

    public Capability {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(operation, "operation");
        if (deviceRequestBytes < 0) {
            throw new IllegalArgumentException("deviceRequestBytes " + deviceRequestBytes + " < 0");
        }
    }

    /** Stateless and stream, no device request limit. */
    public static Capability full(Algorithm algorithm, Operation operation) {
        return new Capability(algorithm, operation, true, true, 0);
    }

    /** True when this row serves the mode ({@code stream} or stateless). */
    public boolean serves(boolean asStream) {
        return asStream ? stream : stateless;
    }
}
