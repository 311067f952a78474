package io.warpdrive.comp;

/**
 * Outcome of a request. Every failure a caller can see carries one of these, with a
 * stable numeric {@link #code()} for scripts and logs.
 */
public enum WdStatus {
    OK(0, "ok"),
    INVALID_ARGUMENT(1, "invalid argument"),
    UNSUPPORTED(2, "unsupported algorithm, operation or parameter"),
    SESSION_CLOSED(3, "session closed"),
    BUSY(4, "no queue has room"),
    TIMEOUT(5, "timed out"),
    NO_DRIVER(6, "no driver serves the request"),
    QUEUE_CLOSED(7, "queue closed while the request was in flight"),
    DRIVER_GONE(8, "driver went away while the request was in flight"),
    DEVICE_ERROR(9, "device error"),
    CORRUPT_INPUT(10, "corrupt input"),
    TRUNCATED_INPUT(11, "truncated input"),
    CHECKSUM_MISMATCH(12, "checksum mismatch"),
    OUTPUT_TOO_SMALL(13, "output buffer too small"),
    OUTPUT_LIMIT_EXCEEDED(14, "output limit exceeded"),
    INVALID_STATE(15, "invalid state"),
    ACCESS_DENIED(16, "access denied"),
    INTERNAL(99, "internal error");

    private final int code;
    private final String text;

    WdStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** Stable numeric code (0 = OK). */
    public int code() {
        return code;
    }

    /** Short human-readable description. */
    public String text() {
        return text;
    }

    /** True for statuses caused by the data itself (corrupt, truncated, bad checksum). */
    public boolean isDataError() {
        return this == CORRUPT_INPUT || this == TRUNCATED_INPUT || this == CHECKSUM_MISMATCH;
    }

    /**
     * True when the failure belongs to the queue or driver, not to the request: a
     * stateless request may be re-sent elsewhere.
     */
    public boolean isQueueFailure() {
        return this == QUEUE_CLOSED || this == DRIVER_GONE || this == DEVICE_ERROR || this == TIMEOUT;
    }

    /** Looks a status up by its numeric code; INTERNAL for an unknown code. */
    public static WdStatus fromCode(int code) {
        for (WdStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return INTERNAL;
    }
}
