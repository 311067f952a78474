package io.warpdrive.sched.hypervisor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The application-driven strategy: the application says when to resize — a request
 * carrying a hypervisor tag completes (every context listing the tag in {@code resize.tags}
 * is resized as configured), or {@code wd:context resize}. It applies whatever a context's
 * resize policy. Growing takes queues no context claims, then queues of contexts above their
 * minimum that may resize now; shrinking gives them back to the remainder.
 */
final class ApplicationPolicy {
    private final Hypervisor h;
    private long now;

    ApplicationPolicy(Hypervisor h) {
        this.h = h;
    }

    /** Application-driven resizes: tagged completions, then those deferred by the minimum time between resizes. */
    void decide(long now) {
        TagTriggers t = h.triggers();
        for (int tag : t.tags()) {
            int hits = t.take(tag);
            if (hits == 0) {
                continue;
            }
            for (int c = 0; c < h.contexts().size(); c++) {
                SizeChange change = h.contexts().get(c).spec.tagResizes().get(tag);
                if (change != null) {
                    SizeChange all = change.relative() ? new SizeChange(change.amount() * hits, true) : change;
                    resize(c, all, "hypervisor tag " + tag + " completed" + (hits > 1 ? " (" + hits + " times)" : ""), now);
                }
            }
        }
        for (int c = 0; c < h.contexts().size(); c++) {
            ContextState s = h.contexts().get(c);
            if (s.deferred != null && s.mayResize(now)) {
                SizeChange change = s.deferred;
                s.deferred = null;
                resize(c, change, s.deferredReason, now);
            }
        }
    }

    /**
     * An application-driven resize of both directions: grows from the queues no context claims,
     * then from contexts above their minimum that may resize now; shrinks to the remainder.
     * Within the minimum time between resizes it waits (the latest size asked wins, changes
     * by N add up).
     */
    String resize(int c, SizeChange change, String reason, long when) {
        now = when;
        ContextState s = h.contexts().get(c);
        if (!s.mayResize(now)) {
            if (s.deferred != null && change.relative() && s.deferred.relative()) {
                change = new SizeChange(s.deferred.amount() + change.amount(), true);
            }
            s.deferred = change;
            s.deferredReason = reason;
            long wait = s.spec.resizeIntervalNanos() - (now - s.lastResizeAt);
            return s.name() + ": resize " + change + " deferred by " + Texts.millis(wait) + " (minimum time between resizes)";
        }
        int[] before = s.target.clone();
        Map<ContextState, int[]> donors = new LinkedHashMap<>();
        for (int op = 0; op < Hypervisor.OPS; op++) {
            int want = s.spec.clamp(change.applyTo(s.target[op]));
            int grow = want - s.target[op];
            if (grow <= 0) {
                s.target[op] = want;
                continue;
            }
            int got = Math.min(grow, h.unclaimed(op));
            while (got < grow) {
                ContextState donor = donorFor(c, op, donors.keySet());
                if (donor == null) {
                    break;
                }
                donors.computeIfAbsent(donor, d -> d.target.clone());
                donor.target[op]--;
                got++;
            }
            s.target[op] += got;
        }
        for (Map.Entry<ContextState, int[]> d : donors.entrySet()) {
            d.getKey().resized(now, Texts.sizes(d.getValue()) + " → " + Texts.sizes(d.getKey().target) + " (gave queues to "
                    + s.name() + ": " + reason + ")");
        }
        String what = Texts.sizes(before) + " → " + Texts.sizes(s.target) + " (" + reason + (donors.isEmpty() ? ""
                : "; from " + String.join(", ", donors.keySet().stream().map(ContextState::name).toList())) + ")";
        s.resized(now, what);
        h.logInfo("context " + s.name() + ": " + what);
        return s.name() + ": " + what;
    }

    /**
     * The context above its minimum with the most queues to spare that may resize now (or is
     * already giving in this resize), or null.
     */
    private ContextState donorFor(int taker, int op, Set<ContextState> giving) {
        ContextState best = null;
        for (int i = 0; i < h.contexts().size(); i++) {
            ContextState d = h.contexts().get(i);
            if (i != taker && d.target[op] > d.spec.min() && (d.mayResize(now) || giving.contains(d))
                    && (best == null || d.target[op] - d.spec.min() > best.target[op] - best.spec.min())) {
                best = d;
            }
        }
        return best;
    }
}
