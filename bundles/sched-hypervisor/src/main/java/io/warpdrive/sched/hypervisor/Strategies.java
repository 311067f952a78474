package io.warpdrive.sched.hypervisor;

import io.warpdrive.sched.resize.ResizeStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The resize strategies present (services, any thread registers them) and their containment
 * (the hypervisor's thread): a strategy that throws, claims more queues than there are or
 * overruns its time budget has its round undone and is demoted — its contexts are resized
 * only as the application asks until the strategy is registered again (a new service).
 */
final class Strategies {
    /** The built-in strategy, never demoted: resizes only when the application asks. */
    static final String APPLICATION = "APPLICATION";

    private record Entry(String name, ResizeStrategy strategy) {
    }

    private final List<Entry> registered = new CopyOnWriteArrayList<>();
    private final Map<ResizeStrategy, String> demoted = new ConcurrentHashMap<>();
    private volatile long budgetNanos = 20_000_000L;

    /** A strategy's name as contexts select it. */
    static String normalize(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("a resize strategy needs a name");
        }
        return n;
    }

    /** @return null when offered, else why not (the name is taken) */
    String add(String name, ResizeStrategy strategy) {
        String n = normalize(name);
        if (n.equals(APPLICATION)) {
            return "the name " + APPLICATION + " is the built-in strategy's";
        }
        String taken = find(n) == null ? null : "a strategy named " + n + " is present; this one waits until it goes";
        registered.add(new Entry(n, strategy));
        return taken;
    }

    void remove(ResizeStrategy strategy) {
        registered.removeIf(e -> e.strategy == strategy);
        demoted.remove(strategy);
    }

    /** The strategy contexts naming {@code name} use (the first registered), or null. */
    ResizeStrategy find(String name) {
        for (Entry e : registered) {
            if (e.name.equals(name)) {
                return e.strategy;
            }
        }
        return null;
    }

    void budget(long nanos) {
        budgetNanos = nanos;
    }

    /** Why contexts selecting {@code name} are resized only as the application asks, or "" when they are not. */
    String state(String name) {
        if (name.equals(APPLICATION)) {
            return "";
        }
        ResizeStrategy s = find(name);
        if (s == null) {
            return "not present: resized only as the application asks";
        }
        String why = demoted.get(s);
        return why == null ? "" : "demoted (" + why + "): resized only as the application asks";
    }

    /** The strategies offered, by name, each with its state. */
    List<String> offered() {
        TreeSet<String> names = new TreeSet<>();
        for (Entry e : registered) {
            names.add(e.name);
        }
        List<String> list = new ArrayList<>();
        list.add(APPLICATION + " (built in)");
        for (String n : names) {
            String state = demoted.get(find(n));
            list.add(state == null ? n : n + " (demoted: " + state + ")");
        }
        return list;
    }

    /**
     * Asks each strategy some context selected (by name) to decide this round, and contains it.
     *
     * @param clock the hypervisor's clock, read before and after each strategy
     */
    void run(Hypervisor h, long now, LongSupplier clock, Consumer<String> log) {
        TreeSet<String> names = new TreeSet<>();
        for (ContextState c : h.contexts()) {
            names.add(c.spec.policy());
        }
        names.remove(APPLICATION);
        Round round = null;
        for (String name : names) {
            ResizeStrategy strategy = find(name);
            if (strategy == null || demoted.containsKey(strategy)) {
                continue;
            }
            if (round == null) {
                round = new Round(h, now);
            }
            Undo undo = new Undo(h);
            String fault;
            long start = clock.getAsLong();
            try {
                strategy.decide(round.selecting(name));
                long took = clock.getAsLong() - start;
                fault = took > budgetNanos ? "took " + Texts.millis(took) + ", budget " + Texts.millis(budgetNanos)
                        : undo.overclaimed(h);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // a third party's code: whatever it throws is its fault, not the tick's
                fault = "threw " + e;
            }
            List<String> decisions = round.takeDecisions();
            if (fault == null) {
                decisions.forEach(log);
                continue;
            }
            undo.restore(h);
            demoted.put(strategy, fault);
            log.accept("resize strategy " + name + " demoted, its round undone: " + fault + "; its contexts are "
                    + "resized only as the application asks until it is registered again");
        }
    }

    /** What a strategy may change, as it was before the strategy's round. */
    private static final class Undo {
        private final int[][] targets;
        private final long[] lastResizeAt;
        private final String[] lastResize;
        private final Map<QueueState, Integer> movingTo = new java.util.IdentityHashMap<>();
        private final int[] claimed = new int[Hypervisor.OPS];

        Undo(Hypervisor h) {
            List<ContextState> cs = h.contexts();
            targets = new int[cs.size()][];
            lastResizeAt = new long[cs.size()];
            lastResize = new String[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                ContextState c = cs.get(i);
                targets[i] = c.target.clone();
                lastResizeAt[i] = c.lastResizeAt;
                lastResize[i] = c.lastResize;
                for (int op = 0; op < Hypervisor.OPS; op++) {
                    claimed[op] += c.target[op];
                }
            }
            for (QueueState q : h.queues()) {
                movingTo.put(q, q.movingTo);
            }
        }

        /** Why the sizes cannot be met (more queues claimed than there are, and more than before), or null. */
        String overclaimed(Hypervisor h) {
            for (int op = 0; op < Hypervisor.OPS; op++) {
                int sum = 0;
                for (ContextState c : h.contexts()) {
                    sum += c.target[op];
                }
                int m = h.managed(op);
                if (sum > Math.max(m, claimed[op])) {
                    return "sized the contexts to " + sum + " " + Texts.name(op) + " queues of " + m;
                }
            }
            return null;
        }

        void restore(Hypervisor h) {
            List<ContextState> cs = h.contexts();
            for (int i = 0; i < cs.size(); i++) {
                ContextState c = cs.get(i);
                System.arraycopy(targets[i], 0, c.target, 0, Hypervisor.OPS);
                c.lastResizeAt = lastResizeAt[i];
                c.lastResize = lastResize[i];
            }
            for (Map.Entry<QueueState, Integer> e : movingTo.entrySet()) {
                e.getKey().movingTo = e.getValue();
            }
        }
    }
}
