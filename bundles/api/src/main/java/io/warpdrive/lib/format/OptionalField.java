package io.warpdrive.lib.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One optional variable-length gzip header field (FEXTRA data, FNAME or FCOMMENT),
 * kept so tools and tests can read it. Its array is allocated only when a header
 * actually carries the field and is reused by later headers, so headers without
 * optional fields (the common case) never allocate.
 */
final class OptionalField {
    private static final int INITIAL_CAPACITY = 64;

    private byte[] bytes;
    /** Bytes held, or -1 when the header does not have this field. */
    private int length = -1;

    void clear() {
        length = -1;
    }

    /** The header has this field; it starts empty. */
    void begin() {
        length = 0;
    }

    void add(int b) {
        if (bytes == null) {
            bytes = new byte[INITIAL_CAPACITY];
        } else if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
    }

    /** RFC 1952 says names and comments are ISO 8859-1. */
    String latin1() {
        if (length <= 0) {
            return length < 0 ? null : "";
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    byte[] copy() {
        if (length <= 0) {
            return length < 0 ? null : new byte[0];
        }
        return Arrays.copyOf(bytes, length);
    }
}
