package io.warpdrive.driver.zstdlz4;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/** What the zstd codec can serve, checked before any state is touched. */
final class JobChecks {
    private JobChecks() {
    }

    static void checkKind(Algorithm algorithm, Operation operation) {
        if (algorithm == null || operation == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, algorithm == null ? "no algorithm given"
                    : "no operation given");
        }
        if (algorithm != Algorithm.ZSTD) {
            throw new WdException(WdStatus.UNSUPPORTED, "the " + ZstdLz4Driver.NAME + " driver serves zstd, not "
                    + algorithm.uadkName());
        }
    }

    /** zstd's levels: -131072..-1 (its fast levels) and 1..22; zstd's own 0 ("default") is not one. */
    static void checkLevel(int level) {
        if (!Algorithm.ZSTD.isLevel(level)) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "zstd level " + level + " outside "
                    + Algorithm.ZSTD.minLevel() + ".." + Algorithm.ZSTD.maxLevel() + ", not 0");
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
