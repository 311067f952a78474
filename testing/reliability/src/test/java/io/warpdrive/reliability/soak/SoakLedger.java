package io.warpdrive.reliability.soak;

import io.warpdrive.comp.WdStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak did and what came back: every request the engine is given gets an id and a
 * completion count (exactly once, or the soak fails), every operation (a stateless request
 * or a whole stream) an outcome by kind, every fault a count; anything wrong is a problem.
 */
final class SoakLedger {
    private final Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> succeeded = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    /** A request about to be handed to the engine: its id. */
    long issued() {
        long id = nextId.incrementAndGet();
        completions.put(id, new AtomicInteger());
        return id;
    }

    /** The engine gave request {@code id} back (returned from execute, or its completion ran). */
    void completed(long id) {
        int times = completions.get(id).incrementAndGet();
        if (times != 1) {
            problem("request " + id + " completed " + times + " times");
        }
        completed.increment();
    }

    /** Requests given back so far (progress). */
    long completedCount() {
        return completed.sum();
    }

    void operation(String kind) {
        count(operations, kind);
    }

    void succeeded(String kind, String servedBy) {
        count(succeeded, kind);
        count(served, servedBy == null ? "(none)" : servedBy);
    }

    void failed(String kind, WdStatus status) {
        count(failed, kind + " " + status);
    }

    void fault(String kind) {
        count(faults, kind);
    }

    void problem(String what) {
        problems.add(what);
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** Ids given to the engine and not given back exactly once. */
    List<String> notExactlyOnce() {
        List<String> wrong = new ArrayList<>();
        completions.forEach((id, n) -> {
            if (n.get() != 1) {
                wrong.add("request " + id + " completed " + n.get() + " times");
            }
        });
        return wrong;
    }

    long requests() {
        return nextId.get();
    }

    long total(Map<String, LongAdder> m) {
        return m.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long operationCount() {
        return total(operations);
    }

    long succeededCount() {
        return total(succeeded);
    }

    long failedCount() {
        return total(failed);
    }

    long faultCount() {
        return total(faults);
    }

    String report() {
        return "operations by kind " + sorted(operations) + "; succeeded by kind " + sorted(succeeded)
                + "; failed by kind and status " + sorted(failed) + "; successes served by " + sorted(served)
                + "; faults injected " + sorted(faults);
    }

    private static void count(Map<String, LongAdder> m, String key) {
        m.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> m) {
        Map<String, Long> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.sum()));
        return s;
    }
}
