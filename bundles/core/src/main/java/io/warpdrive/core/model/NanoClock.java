package io.warpdrive.core.model;

/**
 * The time the engine stamps jobs with and its models learn from: {@link System#nanoTime()} in the
 * product, a clock the test moves in simulations of timed engines.
 */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
