package io.warpdrive.driver.hisi_zip.zip;

import io.warpdrive.driver.hisi_zip.qm.QmRing;

/**
 * What the device wrote back into an SQE slot, copied out while the CQE is reaped (the
 * slot may be reused as soon as the CQ doorbell gives it back). One per job slot.
 */
public final class ZipResult {
    int tag;
    int consumed;
    int produced;
    /** dw2: lz77_zstd's literal count. */
    int literals;
    int status;
    boolean lastBlock;
    int contextStatus;
    boolean bfinal;
    int isize;
    int checksum;
    /** The host CPU the emulated device's worker spent on the SQE (0 on hardware: not measured). */
    long cpuNanos;

    /** Reads the results of the SQE in {@code slot}, which the CQE at the ring's head names. */
    void read(QmRing ring, int slot) {
        cpuNanos = ring.completionCpuNanos();
        consumed = ring.sqeWord(slot, ZipSqe.CONSUMED);
        produced = ring.sqeWord(slot, ZipSqe.PRODUCED);
        literals = ring.sqeWord(slot, ZipSqe.COMP_LENGTH);
        int dw3 = ring.sqeWord(slot, ZipSqe.DW3);
        status = dw3 & ZipSqe.STATUS_MASK;
        lastBlock = (dw3 & ZipSqe.LAST_BLOCK) != 0;
        int ctx = ring.sqeWord(slot, ZipSqe.CTX_DW0);
        contextStatus = ctx & ZipSqe.CTX_STATUS_MASK;
        bfinal = (ctx & ZipSqe.BFINAL) != 0;
        isize = ring.sqeWord(slot, ZipSqe.ISIZE);
        checksum = ring.sqeWord(slot, ZipSqe.CHECKSUM);
    }

    /** The tag the SQE in {@code slot} carries (the driver's own word, never touched by the device). */
    static int tagOf(QmRing ring, int slot, int tagWord) {
        return ring.sqeWord(slot, tagWord);
    }

    /** Output may still be pending in the stream context (ctx_st 0x1 or 0x2): send again to drain it. */
    boolean outputPending() {
        return contextStatus == ZipStatus.CTX_NO_SPACE || contextStatus == ZipStatus.CTX_DECOMPRESSING_NO_SPACE;
    }

    @Override
    public String toString() {
        return "status " + ZipStatus.hex(status) + (lastBlock ? " last block" : "") + ", consumed " + consumed
                + ", produced " + produced + ", ctx_st " + contextStatus;
    }
}
