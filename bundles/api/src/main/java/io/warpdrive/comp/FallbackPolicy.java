package io.warpdrive.comp;

/**
 * What a request accepts when hardware is busy or absent.
 */
public enum FallbackPolicy {
    /**
     * Prefer hardware; when no hardware queue can take the request, go to a CPU driver
     * at once. Never waits for hardware while a CPU queue has room.
     */
    AUTO,
    /**
     * Hardware only: when every hardware queue is busy, wait in line (bounded by the
     * session timeout) until one frees; fail with {@link WdStatus#TIMEOUT} otherwise.
     */
    HARDWARE_ONLY,
    /** CPU drivers only; never touches hardware. */
    SOFTWARE_ONLY
}
