package io.warpdrive.itests;

import io.warpdrive.testing.data.TestFiles;
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

    /** The first {@code length} bytes of a test file. */
    static byte[] sample(String fileName, int length) {
        return Arrays.copyOf(TestFiles.file(fileName), length);
    }
}
