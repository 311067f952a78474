package io.warpdrive.itests;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Test data built from pieces. */
final class Bytes {
    private Bytes() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** The first {@code length} bytes of a corpus file. */
    static byte[] sample(String corpusName, int length) {
        return Arrays.copyOf(Corpus.file(corpusName), length);
    }
}
