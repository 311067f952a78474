package io.warpdrive.driver.isal;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/** What the isal codec can serve, checked before any state is touched. */
final class JobChecks {
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
            throw new WdException(WdStatus.UNSUPPORTED, "the isal driver serves deflate, zlib and gzip, not "
                    + algorithm.uadkName());
        }
    }

    /** igzip serves every window the platform knows (4 to 32 KiB); levels are the platform's 1..9. */
    static void checkLevel(int level) {
        if (level < LevelMap.MIN_PLATFORM_LEVEL || level > LevelMap.MAX_PLATFORM_LEVEL) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "compression level " + level + " outside "
                    + LevelMap.MIN_PLATFORM_LEVEL + ".." + LevelMap.MAX_PLATFORM_LEVEL);
        }
    }

    static void checkOutputLimit(long outputLimit) {
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
