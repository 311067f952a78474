package io.warpdrive.driver.zstdlz4;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/** zstd's error codes as the platform's statuses: the same statuses the deflate family's errors get. */
final class ZstdFailures {
    private ZstdFailures() {
    }

    /** zstd's error code; zstd-jni's streaming calls report it negated (zstd's size_t error value). */
    static long code(ZstdException e) {
        return Math.abs(e.getErrorCode());
    }

    /**
     * @param limitBinds the output limit, not the destination's size, bounded the output
     */
    static WdException of(ZstdException e, boolean limitBinds) {
        long code = code(e);
        String what = "zstd: " + e.getMessage();
        if (code == Zstd.errDstSizeTooSmall()) {
            return limitBinds
                    ? new WdException(WdStatus.OUTPUT_LIMIT_EXCEEDED, what + " (the output limit is reached)")
                    : new WdException(WdStatus.OUTPUT_TOO_SMALL, what);
        }
        if (code == Zstd.errChecksumWrong()) {
            return new WdException(WdStatus.CHECKSUM_MISMATCH, what + " (the frame's XXH64 content checksum)");
        }
        if (code == Zstd.errSrcSizeWrong()) {
            return new WdException(WdStatus.TRUNCATED_INPUT, what + " (the input ends inside a frame)");
        }
        if (code == Zstd.errDictionaryWrong() || code == Zstd.errDictionaryCorrupted()) {
            return new WdException(WdStatus.UNSUPPORTED, what + " (the frame needs a dictionary; this driver "
                    + "decompresses frames without one)");
        }
        if (code == Zstd.errFrameParameterWindowTooLarge() || code == Zstd.errFrameParameterUnsupported()
                || code == Zstd.errVersionUnsupported()) {
            return new WdException(WdStatus.UNSUPPORTED, what);
        }
        if (code == Zstd.errMemoryAllocation()) {
            return new WdException(WdStatus.INTERNAL, what);
        }
        return new WdException(WdStatus.CORRUPT_INPUT, what);
    }
}
