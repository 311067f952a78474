package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;

/**
 * What the soft codec can serve, checked before any state is touched so that a request
 * it cannot serve fails with a clear status instead of a java.util.zip exception.
 */
final class JobChecks {
    static final int MIN_LEVEL = 1;
    static final int MAX_LEVEL = 9;

    private JobChecks() {
    }

    static void checkKind(Algorithm algorithm, Operation operation) {
        if (algorithm == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no algorithm given");
        }
        if (operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no operation given");
        }
        if (!algorithm.isDeflateFamily()) {
            throw new WdException(WdStatus.UNSUPPORTED, "the soft driver serves deflate, zlib and gzip, not "
                    + algorithm.uadkName());
        }
    }

    /**
     * java.util.zip always compresses with a 32 KiB window and offers no way to ask for a
     * smaller one; a caller that asks for less (for a decoder with less memory) must not
     * silently get a stream its decoder cannot read. Decompression accepts any window.
     */
    static void checkCompressParameters(int level, WindowSize window) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new WdException(WdStatus.INVALID_ARGUMENT,
                    "compression level " + level + " outside " + MIN_LEVEL + ".." + MAX_LEVEL);
        }
        if (window != WindowSize.W32K) {
            throw new WdException(WdStatus.UNSUPPORTED, "the soft driver compresses with a 32 KiB window only"
                    + " (java.util.zip cannot use a smaller one); " + window + " was requested");
        }
    }

    static void checkBuffers(SgList source, SgList destination, long outputLimit) {
        if (source == null || destination == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, source == null ? "no source" : "no destination");
        }
        if (destination.isReadOnly()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the destination has a read-only segment");
        }
        if (outputLimit < 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "negative output limit " + outputLimit);
        }
    }

    static void checkFlush(Flush flush) {
        if (flush == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no flush mode given");
        }
    }
}
