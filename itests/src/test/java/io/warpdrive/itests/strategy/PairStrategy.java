package io.warpdrive.itests.strategy;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.ResizeStrategy;
import io.warpdrive.sched.resize.SchedulingContext;

/**
 * A third party's resize strategy, deployed at run time in a bundle of its own (see
 * {@code StrategyBundles}): each round, a context selecting it takes one compress queue from
 * the largest other context above its minimum, by resizing both.
 */
public final class PairStrategy implements ResizeStrategy {
    @Override
    public void decide(ResizeRound round) {
        for (SchedulingContext taker : round.selected()) {
            SchedulingContext giver = null;
            for (SchedulingContext c : round.contexts()) {
                if (c != taker && c.mayResize() && c.size(Operation.COMPRESS) > c.min()
                        && (giver == null || c.size(Operation.COMPRESS) > giver.size(Operation.COMPRESS))) {
                    giver = c;
                }
            }
            if (giver == null || !taker.mayResize() || taker.size(Operation.COMPRESS) >= taker.max()) {
                continue;
            }
            giver.resize(Operation.COMPRESS, giver.size(Operation.COMPRESS) - 1);
            taker.resize(Operation.COMPRESS, taker.size(Operation.COMPRESS) + 1);
            giver.resized("compress " + (giver.size(Operation.COMPRESS) + 1) + " → " + giver.size(Operation.COMPRESS)
                    + " (paired with " + taker.name() + ")");
            taker.resized("compress " + (taker.size(Operation.COMPRESS) - 1) + " → " + taker.size(Operation.COMPRESS)
                    + " (paired with " + giver.name() + ")");
        }
    }
}
