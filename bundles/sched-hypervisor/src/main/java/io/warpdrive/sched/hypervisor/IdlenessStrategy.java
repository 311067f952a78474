package io.warpdrive.sched.hypervisor;

import io.warpdrive.comp.Operation;
import io.warpdrive.sched.resize.ManagedQueue;
import io.warpdrive.sched.resize.ResizeRound;
import io.warpdrive.sched.resize.ResizeStrategy;
import io.warpdrive.sched.resize.SchedulingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The idleness strategy, on the resize-strategy SPI: a queue of a context selecting it that
 * stays idle longer than its maximum idle time (its device's or driver's in the context, else the
 * context's) moves to the context with the most
 * work waiting (per queue) in that direction — one that may resize now and is below its
 * maximum. The idle context keeps its minimum; without a context that has work waiting, the
 * queue stays.
 */
@Component(service = ResizeStrategy.class, property = ResizeStrategy.NAME + "=" + IdlenessStrategy.NAME)
public final class IdlenessStrategy implements ResizeStrategy {
    static final String NAME = "IDLENESS";

    @Override
    public void decide(ResizeRound round) {
        for (SchedulingContext s : round.selected()) {
            if (!s.mayResize()) {
                continue;
            }
            String before = Texts.sizes(s);
            List<String> moved = new ArrayList<>();
            for (Operation op : Operation.values()) {
                List<ManagedQueue> idle = new ArrayList<>();
                for (ManagedQueue q : s.owned(op)) {
                    if (q.idleNanos() > s.maxIdleNanos(q)) {
                        idle.add(q);
                    }
                }
                idle.sort(Comparator.comparingLong(ManagedQueue::idleNanos).reversed());
                for (ManagedQueue q : idle) {
                    if (s.size(op) <= s.min()) {
                        break;
                    }
                    SchedulingContext to = receiver(round, s, op);
                    if (to == null) {
                        break;
                    }
                    long waiting = to.waiting(op);
                    q.moveTo(to);
                    to.resized(Texts.name(op.ordinal()) + " " + (to.size(op) - 1) + " → " + to.size(op)
                            + " (idle queue #" + q.id() + " of " + s.name() + "; " + waiting + " requests waiting)");
                    moved.add("#" + q.id() + " idle " + Texts.millis(q.idleNanos()) + " (max "
                            + Texts.millis(s.maxIdleNanos(q)) + ") to " + to.name());
                }
            }
            if (!moved.isEmpty()) {
                s.resized(before + " → " + Texts.sizes(s) + " (idle too long: " + String.join(", ", moved) + ")");
            }
        }
    }

    /** The context with the most requests waiting per queue in this direction that may take one more, or null. */
    private static SchedulingContext receiver(ResizeRound round, SchedulingContext donor, Operation op) {
        SchedulingContext best = null;
        double most = 0;
        for (SchedulingContext s : round.contexts()) {
            // a context that received a queue in this round may receive another
            if (s == donor || s.size(op) >= s.max() || !(s.mayResize() || s.resizedThisRound())) {
                continue;
            }
            long waiting = s.waiting(op);
            double perQueue = waiting / (double) (s.size(op) + 1);
            if (waiting > 0 && perQueue > most) {
                most = perQueue;
                best = s;
            }
        }
        return best;
    }
}
