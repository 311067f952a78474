package io.warpdrive.sched.hypervisor;

/**
 * How a context is resized (the hypervisor's resizing strategies). Every policy honours the
 * context's bounds and minimum time between resizes; application-driven resizes (tags, the
 * shell) are honoured whatever the policy.
 */
enum ResizePolicy {
    /** Only when the application asks: a tagged request completes, or {@code wd:context resize}. */
    APPLICATION,
    /** A queue idle longer than the context's maximum idle time moves to a context with work waiting. */
    IDLENESS,
    /** Sized so that all THROUGHPUT contexts are expected to finish their declared work at the same time. */
    THROUGHPUT;

    static ResizePolicy parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        for (ResizePolicy p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown resize policy '" + text + "' (APPLICATION, IDLENESS, THROUGHPUT)");
    }
}
