package io.warpdrive.driver.isal.igzip;

/**
 * igzip cannot be used here: the library is not installed, lacks a function, or failed the
 * self-test. An expected condition on many machines, so it carries a one-line reason for
 * administrators and no cause to print.
 */
public final class IgzipUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public IgzipUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
