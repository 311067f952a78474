package io.warpdrive.sched.hypervisor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which context a request belongs to: its session's context tag if a context lists it,
 * else the first context (by name) with a pattern matching its consumer's symbolic name,
 * else none ({@link #OUTSIDE}). Immutable; matching allocates nothing.
 */
final class ContextMatcher {
    static final int OUTSIDE = -1;

    private final Map<String, Integer> byTag = new HashMap<>();
    private final String[][] patterns;

    /** @param contexts ordered as their indices */
    ContextMatcher(List<ContextSpec> contexts) {
        patterns = new String[contexts.size()][];
        for (int i = 0; i < contexts.size(); i++) {
            ContextSpec c = contexts.get(i);
            for (String tag : c.tags()) {
                byTag.putIfAbsent(tag, i);
            }
            patterns[i] = c.consumers().toArray(new String[0]);
        }
    }

    int match(String consumer, String contextTag) {
        if (contextTag != null) {
            Integer i = byTag.get(contextTag);
            if (i != null) {
                return i;
            }
        }
        if (consumer != null) {
            for (int i = 0; i < patterns.length; i++) {
                for (String p : patterns[i]) {
                    if (glob(p, consumer)) {
                        return i;
                    }
                }
            }
        }
        return OUTSIDE;
    }

    /** {@code *} matches any run of characters, everything else itself. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
