package io.warpdrive.comp.stream;

import java.io.ByteArrayInputStream;

/** An underlying stream that hands out at most a few bytes per read, as a pipe or socket may. */
final class TrickleInputStream extends ByteArrayInputStream {
    private final int most;
    int closes;

    TrickleInputStream(byte[] data, int most) {
        super(data);
        this.most = most;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, most));
    }

    @Override
    public void close() {
        closes++;
    }
}
