package io.warpdrive.lib;

/** How a queue's completions reach the platform. */
public enum CompletionMode {
    /** The driver completes jobs itself, on its own threads. */
    PUSH,
    /** Completions must be reaped by calling {@link Queue#receive(int)} (a hardware completion ring). */
    POLL
}
