package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.WdStatus;

/**
 * hisi_zip status codes (SQE dw3[7:0]) and stream-context states (ctx_dw0[3:0]) and how
 * they map to the platform's statuses. A data error is the caller's (CORRUPT_INPUT,
 * CHECKSUM_MISMATCH, ...); any status this driver does not know is a DEVICE_ERROR that
 * names the code, so that under AUTO the request is retried on the CPU.
 */
public final class ZipStatus {
    /** Done; decompressing: the input ended before the stream did. */
    public static final int OK = 0x00;
    /** Invalid deflate data. The emulator's choice: the reference does not name the hardware's code. */
    public static final int BAD_DATA = 0x0B;
    /** Expansion ("negative compression"), treated as OK, as UADK does. */
    public static final int NEGATIVE_COMPRESSION = 0x0D;
    /** The output space is too small (stateless). */
    public static final int OUTPUT_TOO_SMALL = 0x0E;
    /** The zlib or gzip trailer does not match the data. */
    public static final int CHECKSUM_ERROR = 0x10;
    /** The end of the stream was reached (with the last-block bit). */
    public static final int DECOMPRESSION_END = 0x13;
    /** Emulator: the device refused the request (alg, buffer type, window, address). */
    public static final int BAD_REQUEST = 0x1C;
    /** Emulator: a stateful continuation of a stream the device holds no context for. */
    public static final int STREAM_CONTEXT_LOST = 0x1D;
    /** Emulator: an injected hardware error. */
    public static final int INJECTED_ERROR = 0x1F;

    /** ctx_st: the output filled up and more output may be pending. */
    public static final int CTX_NO_SPACE = 0x1;
    /** ctx_st: decompressing, no space, stored bytes pending. */
    public static final int CTX_DECOMPRESSING_NO_SPACE = 0x2;

    private ZipStatus() {
    }

    /** True for the codes that mean the request was served (OK, expansion, end of stream). */
    public static boolean isSuccess(int code) {
        return code == OK || code == NEGATIVE_COMPRESSION || code == DECOMPRESSION_END;
    }

    /** The platform status of a failure code. */
    public static WdStatus toWdStatus(int code) {
        switch (code) {
            case BAD_DATA:
                return WdStatus.CORRUPT_INPUT;
            case OUTPUT_TOO_SMALL:
                return WdStatus.OUTPUT_TOO_SMALL;
            case CHECKSUM_ERROR:
                return WdStatus.CHECKSUM_MISMATCH;
            default:
                return WdStatus.DEVICE_ERROR;
        }
    }

    /** What the code means, with the code: {@code "trailer checksum mismatch (hisi_zip status 0x10)"}. */
    public static String describe(int code) {
        String what;
        switch (code) {
            case BAD_DATA:
                what = "invalid deflate data";
                break;
            case OUTPUT_TOO_SMALL:
                what = "the output space is too small";
                break;
            case CHECKSUM_ERROR:
                what = "the trailer's checksum or length does not match the data";
                break;
            case BAD_REQUEST:
                what = "the device refused the request";
                break;
            case STREAM_CONTEXT_LOST:
                what = "the device lost the stream's context";
                break;
            case INJECTED_ERROR:
                what = "hardware error";
                break;
            default:
                what = "unknown hardware status";
                break;
        }
        return what + " (hisi_zip status " + hex(code) + ")";
    }

    static String hex(int code) {
        return String.format("0x%02x", code & 0xff);
    }
}
