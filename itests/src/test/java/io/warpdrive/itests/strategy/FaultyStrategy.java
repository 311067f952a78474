package io.warpdrive.itests.strategy;

import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.ResizeStrategy;

/** A third party's strategy that fails: it records a resize, then throws (the hypervisor undoes the round). */
public final class FaultyStrategy implements ResizeStrategy {
    @Override
    public void decide(ResizeRound round) {
        if (!round.selected().isEmpty()) {
            round.selected().get(0).resized("never kept");
            throw new IllegalStateException("faulty strategy fails on purpose");
        }
    }
}
