package io.warpdrive.comp;

/** What a submission does when no queue that may serve it has room. */
public enum Backpressure {
    /** Wait (bounded by the session timeout) until a queue frees. */
    WAIT,
    /** Fail at once with {@link WdStatus#BUSY}. */
    FAIL_FAST
}
