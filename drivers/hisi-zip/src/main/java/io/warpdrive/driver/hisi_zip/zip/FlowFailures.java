package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.comp.WdStatus;

/** How the flows fail a job on what the device reports, the same way for all of them. */
final class FlowFailures {
    private FlowFailures() {
    }

    /** A status that is not success: a data error is the caller's, anything else a device error. */
    static boolean status(JobContext c, String where) {
        ZipResult r = c.result;
        WdStatus status = ZipStatus.toWdStatus(r.status);
        return c.fail(status, ZipStatus.describe(r.status) + " in " + where);
    }

    /** The device claims to have consumed or produced more than it was given: never trust such a result. */
    static boolean implausible(JobContext c) {
        ZipResult r = c.result;
        if (r.consumed < 0 || r.produced < 0 || r.consumed > c.sentInput || r.produced > c.sentSpace) {
            c.fail(WdStatus.DEVICE_ERROR, "the device reported " + r.consumed + " bytes consumed and " + r.produced
                    + " produced for an SQE with " + c.sentInput + " bytes of input and " + c.sentSpace
                    + " of output space");
            return true;
        }
        return false;
    }

    /** A stateful SQE that made no progress although it could have: the device is not working. */
    static boolean noProgress(JobContext c, String where) {
        return c.fail(WdStatus.DEVICE_ERROR, "the device made no progress in " + where + " ("
                + c.result + ")");
    }

    /** The output space ran out: the output limit, or for a stateless request the destination. */
    static boolean outputExhausted(JobContext c, String what) {
        if (c.limitBinds()) {
            return c.fail(WdStatus.OUTPUT_LIMIT_EXCEEDED, what + " would exceed the output limit of "
                    + c.job.outputLimit() + " bytes");
        }
        return c.fail(WdStatus.OUTPUT_TOO_SMALL, "the destination's " + (c.produced + c.dst.remaining())
                + " bytes are too small for " + what);
    }
}
