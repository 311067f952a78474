package io.warpdrive.sched.hypervisor;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Completions of requests carrying a hypervisor tag some context resizes at, counted on the
 * completing threads (a binary search and an atomic increment: nothing allocated, nothing
 * locked) and taken by the hypervisor's thread at its next tick.
 */
final class TagTriggers {
    static final TagTriggers NONE = new TagTriggers(java.util.List.of(), null);

    private final int[] tags;
    private final AtomicIntegerArray hits;

    /** Tags to count; hits not yet taken from {@code previous} are carried over. */
    TagTriggers(Collection<Integer> tagSet, TagTriggers previous) {
        this.tags = tagSet.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        this.hits = new AtomicIntegerArray(tags.length);
        if (previous != null) {
            for (int i = 0; i < tags.length; i++) {
                hits.addAndGet(i, previous.take(tags[i]));
            }
        }
    }

    /** @return true when some context resizes at the tag */
    boolean hit(int tag) {
        int i = Arrays.binarySearch(tags, tag);
        if (i >= 0) {
            hits.incrementAndGet(i);
            return true;
        }
        return false;
    }

    /** Completions of {@code tag} since the last call. */
    int take(int tag) {
        int i = Arrays.binarySearch(tags, tag);
        return i >= 0 ? hits.getAndSet(i, 0) : 0;
    }

    int[] tags() {
        return tags.clone();
    }
}
