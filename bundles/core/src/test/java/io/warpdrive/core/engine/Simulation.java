package io.warpdrive.core.engine;

import io.warpdrive.core.model.NanoClock;
import io.warpdrive.testing.kit.SimulatedTime;

/**
 * The test kit's simulated time as the engine's clock: the engine stamps jobs with it and its
 * models learn from it, while timed fake engines complete jobs as its events.
 */
final class Simulation extends SimulatedTime implements NanoClock {
}
