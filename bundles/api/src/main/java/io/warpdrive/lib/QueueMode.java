package io.warpdrive.lib;

/** Which requests a queue is dedicated to ({@code wd_ctx_mode}); SHARED takes both. */
public enum QueueMode {
    SHARED,
    SYNC,
    ASYNC;

    /** True if a queue of this mode may take a request that is sync ({@code true}) or async. */
    public boolean accepts(boolean syncRequest) {
        return this == SHARED || (this == SYNC) == syncRequest;
    }
}
