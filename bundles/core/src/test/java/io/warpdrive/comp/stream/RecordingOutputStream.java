package io.warpdrive.comp.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** An underlying stream that remembers what reached it, how often it was flushed and closed. */
final class RecordingOutputStream extends ByteArrayOutputStream {
    int flushes;
    int closes;

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() throws IOException {
        closes++;
    }
}
