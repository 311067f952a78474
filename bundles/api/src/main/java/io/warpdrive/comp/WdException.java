package io.warpdrive.comp;

/**
 * The one exception type of the platform: a {@link WdStatus} and a message that says
 * what went wrong with this request. It is unchecked so that sync calls read like
 * {@code java.util.zip}, and every public method documents when it throws it.
 */
public class WdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final WdStatus status;

    public WdException(WdStatus status, String message) {
        super(message);
        this.status = status == null ? WdStatus.INTERNAL : status;
    }

    public WdException(WdStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status == null ? WdStatus.INTERNAL : status;
    }

    /** The status of the failure; never {@link WdStatus#OK}. */
    public WdStatus status() {
        return status;
    }

    /** The status's stable numeric code. */
    public int code() {
        return status.code();
    }

    /** The message without the status prefix (what a driver passes on when it fails a job). */
    public String detail() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return status.name() + " (" + status.code() + "): " + super.getMessage();
    }
}
