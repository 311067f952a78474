package io.warpdrive.core.engine.session;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/** Upper bound of a compressed stream's size: zlib's conservative deflate bound plus framing. */
public final class DeflateBound {
    private DeflateBound() {
    }

    public static long of(Algorithm algorithm, long inputLength) {
        if (inputLength < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative input length " + inputLength);
        }
        long n = inputLength;
        long framing;
        switch (algorithm) {
            case GZIP:
                framing = 18;
                break;
            case ZLIB:
                framing = 6;
                break;
            default:
                framing = 0;
        }
        return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + framing;
    }
}
