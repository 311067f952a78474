package io.warpdrive.core.engine.usage;

import io.warpdrive.core.engine.Engine;
import io.warpdrive.stats.UsageEvent;
import io.warpdrive.stats.UsageEventListener;
import io.warpdrive.stats.UsageThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The {@link UsageEventListener} whiteboard: pushes the crossings of the work counters to the
 * listeners (third-party code: guarded) and asks them for their thresholds, on the engine's
 * watch thread, when counters are new or the listeners' contexts changed.
 */
final class UsageEvents {
    private final Engine engine;
    private volatile UsageEventListener[] listeners = new UsageEventListener[0];
    /** Raised when listeners come or go or say their thresholds changed: each watch asks again. */
    private volatile long generation;

    UsageEvents(Engine engine) {
        this.engine = engine;
    }

    synchronized void add(UsageEventListener l) {
        List<UsageEventListener> list = new ArrayList<>(Arrays.asList(listeners));
        list.add(l);
        listeners = list.toArray(new UsageEventListener[0]);
        generation++;
    }

    synchronized void remove(UsageEventListener l) {
        List<UsageEventListener> list = new ArrayList<>(Arrays.asList(listeners));
        list.remove(l);
        listeners = list.toArray(new UsageEventListener[0]);
        generation++;
    }

    synchronized void thresholdsChanged() {
        generation++;
    }

    /** Any thread: tells every listener; nothing allocated. */
    void push(UsageEvent event, ContextCounters c) {
        for (UsageEventListener l : listeners) {
            try {
                l.crossed(event, c.consumer, c.tag);
            } catch (Throwable t) {
                complain(l, t);
            }
        }
    }

    /** The watch thread: each counters' look, after asking for thresholds where they are stale. */
    void watch(Collection<ContextCounters> all, long now) {
        UsageEventListener[] ls = listeners;
        if (ls.length == 0) {
            return;
        }
        long g = generation;
        for (ContextCounters c : all) {
            ContextWatch w = c.watch;
            if (w.thresholdsGeneration != g) {
                w.thresholds = thresholds(ls, c);
                w.thresholdsGeneration = g;
            }
            w.look(now);
        }
    }

    /** The smallest idle threshold and the largest throughput threshold the listeners give. */
    private UsageThresholds thresholds(UsageEventListener[] ls, ContextCounters c) {
        long idle = 0;
        double rate = 0;
        for (UsageEventListener l : ls) {
            UsageThresholds t;
            try {
                t = l.thresholds(c.consumer, c.tag);
            } catch (Throwable e) {
                complain(l, e);
                continue;
            }
            if (t == null) {
                continue;
            }
            if (t.idleNanos() > 0) {
                idle = idle == 0 ? t.idleNanos() : Math.min(idle, t.idleNanos());
            }
            rate = Math.max(rate, t.minBytesPerSecond());
        }
        return idle == 0 && rate == 0 ? UsageThresholds.NONE : new UsageThresholds(idle, rate);
    }

    private void complain(UsageEventListener l, Throwable t) {
        engine.log().warnOnce("usage-listener:" + l.getClass().getName(), "usage event listener " + l.getClass().getName()
                + " threw " + t + "; ignored (further failures are not logged)");
    }
}
