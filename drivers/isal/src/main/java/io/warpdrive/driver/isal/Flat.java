package io.warpdrive.driver.isal;

import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import java.nio.ByteBuffer;

/**
 * The one direct buffer of a job's source or destination. The driver declares that it
 * needs direct memory without scatter-gather, so the platform hands it exactly that
 * (bouncing anything else); a job that breaks this fails with INVALID_ARGUMENT.
 */
final class Flat {
    /** Stands in for a list with no segment at all: no bytes, no room. */
    private static final ByteBuffer NONE = ByteBuffer.allocateDirect(0);

    private Flat() {
    }

    static ByteBuffer source(SgList list) {
        return of(list, "source");
    }

    static ByteBuffer destination(SgList list) {
        ByteBuffer b = of(list, "destination");
        if (b.isReadOnly()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the destination is read-only");
        }
        return b;
    }

    private static ByteBuffer of(SgList list, String what) {
        if (list == null) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "no " + what);
        }
        if (!list.isFlat()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the " + what + " has several segments; the isal driver"
                    + " takes one flat buffer (the platform gathers lists for it)");
        }
        ByteBuffer b = list.firstRemaining();
        if (b == null) {
            return NONE;
        }
        if (!b.isDirect()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the " + what + " is heap memory; igzip reads and writes"
                    + " native memory, so it must be a direct buffer (the platform copies heap buffers for it)");
        }
        return b;
    }
}
