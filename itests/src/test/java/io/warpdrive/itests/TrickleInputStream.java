package io.warpdrive.itests;

import java.io.ByteArrayInputStream;

/** Hands out at most a few bytes per read, as a pipe or a socket may: boundaries fall anywhere. */
final class TrickleInputStream extends ByteArrayInputStream {
    private final int most;

    TrickleInputStream(byte[] data, int most) {
        super(data);
        this.most = most;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, most));
    }
}
