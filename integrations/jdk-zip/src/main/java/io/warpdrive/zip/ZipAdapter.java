package io.warpdrive.zip;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * What {@link PlatformDeflater} and {@link PlatformInflater} share as adapters of a
 * java.util.zip class (each must extend its own, so each holds one of these): the checks of its
 * settings, the platform stream and its cleaning, the windows onto the caller's arrays, the byte
 * counts of the stream, and {@code end()}, after which every call fails as the JDK's do.
 */
final class ZipAdapter {
    final PlatformStream stream;
    final ArrayWindow inputWindow = new ArrayWindow();
    final ArrayWindow outputWindow = new ArrayWindow();
    /** Bytes taken since the stream started. */
    long bytesRead;
    /** Bytes handed out since the stream started. */
    long bytesWritten;
    private final String jdkClass;
    private final Cleaner.Cleanable cleanable;
    private boolean ended;

    /**
     * @param owner the deflater or inflater: once it is unreachable, the stream is released
     * @param jdkClass the class it adapts, as the JDK's messages name it ({@code Deflater})
     * @param gzipRefusal why it refuses gzip
     * @throws IllegalArgumentException for gzip or a buffer size below 1
     */
    ZipAdapter(Object owner, String jdkClass, Compressor compressor, Operation operation, SessionSpec spec,
            int bufferSize, String gzipRefusal) {
        Objects.requireNonNull(compressor, "compressor");
        if (spec.algorithm() == Algorithm.GZIP) {
            throw new IllegalArgumentException(gzipRefusal);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " < 1");
        }
        this.jdkClass = jdkClass;
        this.stream = new PlatformStream(compressor, operation, spec);
        this.cleanable = PlatformStream.CLEANER.register(owner, stream);
    }

    /** @throws NullPointerException after {@link #end()}, as the JDK's classes throw it */
    void ensureOpen() {
        if (ended) {
            throw new NullPointerException(jdkClass + " has been closed");
        }
    }

    long bytesRead() {
        ensureOpen();
        return bytesRead;
    }

    long bytesWritten() {
        ensureOpen();
        return bytesWritten;
    }

    /** Starts a new stream (with the latest settings), counting from 0. */
    void reset() {
        ensureOpen();
        stream.reset();
        bytesRead = 0;
        bytesWritten = 0;
    }

    /** Releases the platform's stream and the caller's arrays; false when that was done before. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        inputWindow.release();
        outputWindow.release();
        cleanable.clean();
        return true;
    }

    WdException noDictionaries() {
        return new WdException(WdStatus.UNSUPPORTED, "preset dictionaries are not supported by the platform; use "
                + "java.util.zip." + jdkClass + " for them");
    }
}
