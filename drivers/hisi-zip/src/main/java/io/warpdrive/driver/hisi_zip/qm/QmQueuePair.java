package io.warpdrive.driver.hisi_zip.qm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.uacce.QueuePairFile;
import io.warpdrive.uacce.UacceDevice;
import io.warpdrive.uacce.UacceSeam;

/**
 * A uacce queue pair set up as a HiSilicon QM queue, as UADK's {@code hisi_qm_alloc_qp}
 * does between mapping the regions and starting the queue: {@code SET_QP_CTX} with the
 * direction (answers the queue number, sqn), {@code SET_QP_INFO} (SQE size and depths; a
 * kernel without it gets UADK's depth 1024), and a check that the rings fit the DUS region.
 *
 * <p>Not thread-safe: the queue that owns it serialises open, put and release.
 */
public final class QmQueuePair {
    /** {@code _IOWR('H', 10, struct hisi_qp_ctx)}: {u16 id (out), u16 qc_type (in)}. */
    public static final int SET_QP_CTX = 0xC004480A;
    /** {@code _IOWR('H', 11, struct hisi_qp_info)}: {u32 sqe_size, u16 sq_depth, u16 cq_depth, u64 reserved}. */
    public static final int SET_QP_INFO = 0xC010480B;
    /** hisi_zip SQEs are 128 bytes; CQEs of every QM are 16. */
    public static final int ZIP_SQE_SIZE = 128;
    public static final int CQE_SIZE = 16;
    /** qc_type of SET_QP_CTX for hisi_zip: the queue's direction. */
    public static final int QC_COMPRESS = 0;
    public static final int QC_DECOMPRESS = 1;
    /** The two "queue stopped" words at the end of the DUS region. */
    private static final int STATUS_WORDS = 8;

    private final int qcType;
    private final int fallbackDepth;
    private QueuePairFile file;
    private int sqn;
    private int sqeSize;
    private int sqDepth;
    private int cqDepth;
    private boolean depthFromKernel;

    private QmQueuePair(int qcType, int fallbackDepth) {
        this.qcType = qcType;
        this.fallbackDepth = fallbackDepth;
    }

    /**
     * Opens, sets up and starts a QM queue pair of {@code device} for the direction
     * {@code qcType}.
     *
     * @param fallbackDepth SQ and CQ depth when the kernel does not answer SET_QP_INFO
     * @throws WdException BUSY when the device has no free queue pair (a normal outcome);
     *         DEVICE_ERROR naming the step and the errno otherwise
     */
    public static QmQueuePair open(UacceSeam seam, UacceDevice device, int qcType, int fallbackDepth) {
        QmQueuePair qp = new QmQueuePair(qcType, fallbackDepth);
        qp.file = QueuePairFile.open(seam, device, qp::configure);
        return qp;
    }

    /** Between mapping and START_Q: the QM's own ioctls and the ring layout's check. */
    private void configure(QueuePairFile f) {
        try (Memory arg = new Memory(16)) {
            long address = Pointer.nativeValue(arg);
            arg.clear();
            arg.setShort(2, (short) qcType);
            f.ioctl(SET_QP_CTX, address, "SET_QP_CTX");
            sqn = arg.getShort(0) & 0xffff;

            arg.clear();
            if (f.tryIoctl(SET_QP_INFO, address) == 0) {
                sqeSize = arg.getInt(0);
                sqDepth = arg.getShort(4) & 0xffff;
                cqDepth = arg.getShort(6) & 0xffff;
                depthFromKernel = true;
            } else {
                // A kernel older than SET_QP_INFO: UADK's defaults.
                sqeSize = ZIP_SQE_SIZE;
                sqDepth = fallbackDepth;
                cqDepth = fallbackDepth;
            }
        }
        String path = f.path();
        if (sqeSize != ZIP_SQE_SIZE) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": SQE size " + sqeSize + " is not the "
                    + ZIP_SQE_SIZE + " bytes of a hisi_zip SQE (is it a ZIP device?)");
        }
        if (sqDepth < 2 || cqDepth < 2) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": queue depths " + sqDepth + "/" + cqDepth
                    + " leave no room for a job");
        }
        long rings = (long) sqDepth * sqeSize + (long) cqDepth * CQE_SIZE;
        if (rings + STATUS_WORDS > f.dusLength()) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": the DUS region of " + f.dusLength()
                    + " bytes cannot hold " + sqDepth + " SQEs and " + cqDepth + " CQEs" + (depthFromKernel ? ""
                    : " (depth " + fallbackDepth + " assumed: the kernel does not answer SET_QP_INFO)"));
        }
    }

    /** The uacce queue-pair file: its fd, regions, poll and release. */
    public QueuePairFile file() {
        return file;
    }

    /** The queue number SET_QP_CTX answered (the doorbell's sqn). */
    public int sqn() {
        return sqn;
    }

    public int sqeSize() {
        return sqeSize;
    }

    public int sqDepth() {
        return sqDepth;
    }

    public int cqDepth() {
        return cqDepth;
    }

    /** False when the kernel did not answer SET_QP_INFO and the fallback depth is used. */
    public boolean depthFromKernel() {
        return depthFromKernel;
    }
}
