package io.warpdrive.driver.hisi_zip.zip;

/**
 * What the flows need to know about the device they compose SQEs for.
 *
 * @param sqeType hisi_zip SQE type (0 up to hisi_qm_v2, 3 from v3): dw7[31:28] and the tag word
 * @param maxSqeBytes the most input or output one SQE carries (hardware: 8 MiB); larger
 *        stateless requests are split into stateful SQEs, as UADK's {@code wd_do_comp_sync2} does
 */
record ZipProfile(int sqeType, int maxSqeBytes) {
    /** hisi_zip's limit per request for the deflate family ({@code HZ_MAX_SIZE}). */
    static final int HARDWARE_MAX_SQE_BYTES = 8 << 20;

    int tagWord() {
        return ZipSqe.tagWord(sqeType);
    }
}
