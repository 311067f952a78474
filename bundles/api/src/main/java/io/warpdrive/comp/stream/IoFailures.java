package io.warpdrive.comp.stream;

import io.warpdrive.comp.WdException;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * How a platform failure surfaces through java.io: as the exception type java.util.zip's
 * streams throw for the same condition, so code that catches those keeps working. The
 * {@link WdException} is always the cause; its status says exactly what happened.
 */
final class IoFailures {
    private IoFailures() {
    }

    static IOException of(WdException e) {
        switch (e.status()) {
            case TRUNCATED_INPUT:
                // GZIPInputStream and InflaterInputStream: "Unexpected end of ZLIB input stream".
                return withCause(new EOFException(e.getMessage()), e);
            case CORRUPT_INPUT:
            case CHECKSUM_MISMATCH:
                // "Not in GZIP format", "invalid stored block lengths", "Corrupt GZIP trailer".
                return withCause(new ZipException(e.getMessage()), e);
            default:
                return new IOException(e.getMessage(), e);
        }
    }

    /** The failure again, for a call on a stream an earlier failure left unusable. */
    static IOException after(IOException earlier) {
        return new IOException("the stream is unusable after an earlier failure: " + earlier.getMessage(), earlier);
    }

    private static <T extends IOException> T withCause(T io, WdException cause) {
        io.initCause(cause);
        return io;
    }
}
