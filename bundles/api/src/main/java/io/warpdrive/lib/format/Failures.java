package io.warpdrive.lib.format;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/** The exceptions of this package, so that every format reports failures the same way. */
final class Failures {
    private Failures() {
    }

    static WdException corrupt(String message) {
        return new WdException(WdStatus.CORRUPT_INPUT, message);
    }

    static WdException truncated(String message) {
        return new WdException(WdStatus.TRUNCATED_INPUT, message);
    }

    static WdException mismatch(String message) {
        return new WdException(WdStatus.CHECKSUM_MISMATCH, message);
    }

    static WdException unsupported(String message) {
        return new WdException(WdStatus.UNSUPPORTED, message);
    }

    static WdException invalidArgument(String message) {
        return new WdException(WdStatus.INVALID_ARGUMENT, message);
    }

    static WdException incomplete(String what) {
        return new WdException(WdStatus.INVALID_STATE, what + " has not been read completely yet");
    }

    /** One byte as {@code 0x1f}. */
    static String hex8(int value) {
        return String.format("0x%02x", value & 0xff);
    }

    /** A 32-bit value as {@code 0x0badcafe}. */
    static String hex32(int value) {
        return String.format("0x%08x", value);
    }
}
