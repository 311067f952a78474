package io.warpdrive.uacce;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.uacce.Errno;
import io.warpdrive.uacce.UacceSeam;

/**
 * One opened uacce queue pair: the char device's fd, its two mapped regions and the
 * kernel's answers. {@link #open} does what UADK's {@code hisi_qm_alloc_qp} does, in its
 * order: {@code open} (the kernel allocates the queue pair here; EBUSY when the device has
 * none free), {@code mmap} of the DUS region (SQ, CQ, status page) at offset 1 × page and
 * of the MMIO region (doorbell) at offset 0, each exactly the sysfs size,
 * {@code SET_QP_CTX} with the direction (answers the queue number, sqn),
 * {@code SET_QP_INFO} (SQE size and depths; a kernel without it gets UADK's depth 1024),
 * {@code START_Q}. {@link #release} undoes it: {@code PUT_Q}, unmap, close.
 *
 * <p>Not thread-safe: the queue that owns it serialises open, put and release.
 */
public final class QueuePairFile {
    /** {@code _IO('W', 0)}: start the queue (only from the INIT state). */
    public static final int START_Q = 0x5700;
    /** {@code _IO('W', 1)}: stop and release the queue pair; the fd is dead afterwards. */
    public static final int PUT_Q = 0x5701;
    /** {@code _IOWR('H', 10, struct hisi_qp_ctx)}: {u16 id (out), u16 qc_type (in)}. */
    public static final int SET_QP_CTX = 0xC004480A;
    /** {@code _IOWR('H', 11, struct hisi_qp_info)}: {u32 sqe_size, u16 sq_depth, u16 cq_depth, u64 reserved}. */
    public static final int SET_QP_INFO = 0xC010480B;
    /** mmap region types: file offset = type × page size. */
    public static final int REGION_MMIO = 0;
    public static final int REGION_DUS = 1;
    /** hisi_zip SQEs are 128 bytes; CQEs of every QM are 16. */
    public static final int ZIP_SQE_SIZE = 128;
    public static final int CQE_SIZE = 16;
    /** qc_type of SET_QP_CTX for hisi_zip: the queue's direction. */
    public static final int QC_COMPRESS = 0;
    public static final int QC_DECOMPRESS = 1;
    /** The two "queue stopped" words at the end of the DUS region. */
    private static final int STATUS_WORDS = 8;

    private final UacceSeam seam;
    private final String path;
    private final int fd;
    private long dusAddress;
    private long dusLength;
    private long mmioAddress;
    private long mmioLength;
    private int sqn;
    private int sqeSize;
    private int sqDepth;
    private int cqDepth;
    private boolean depthFromKernel;
    private boolean put;
    private boolean released;

    private QueuePairFile(UacceSeam seam, String path, int fd) {
        this.seam = seam;
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens and starts a queue pair on the char device at {@code path}.
     *
     * @param fallbackDepth SQ and CQ depth when the kernel does not answer SET_QP_INFO
     * @throws WdException BUSY when the device has no free queue pair (a normal outcome);
     *         DEVICE_ERROR naming the step and the errno otherwise
     */
    public static QueuePairFile open(UacceSeam seam, String path, long mmioLength, long dusLength, int qcType,
            int fallbackDepth) {
        int fd;
        try {
            fd = seam.open(path);
        } catch (LinkageError e) {
            throw new WdException(WdStatus.DEVICE_ERROR, "cannot reach " + seam.describe() + " to open " + path + ": "
                    + e, e);
        }
        if (fd == -Errno.EBUSY) {
            throw new WdException(WdStatus.BUSY, path + ": no free queue instance (EBUSY)");
        }
        if (fd < 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "open " + path + ": " + Errno.describe(fd));
        }
        QueuePairFile q = new QueuePairFile(seam, path, fd);
        try {
            q.setUp(mmioLength, dusLength, qcType, fallbackDepth);
            return q;
        } catch (RuntimeException | LinkageError e) {
            q.release();
            throw e;
        }
    }

    private void setUp(long mmio, long dus, int qcType, int fallbackDepth) {
        long page = seam.pageSize();
        dusAddress = map(REGION_DUS, page, dus, "DUS");
        dusLength = dus;
        mmioAddress = map(REGION_MMIO, page, mmio, "MMIO");
        mmioLength = mmio;
        try (Memory arg = new Memory(16)) {
            long address = Pointer.nativeValue(arg);
            arg.clear();
            arg.setShort(2, (short) qcType);
            check(seam.ioctl(fd, SET_QP_CTX, address), "SET_QP_CTX");
            sqn = arg.getShort(0) & 0xffff;

            arg.clear();
            if (seam.ioctl(fd, SET_QP_INFO, address) == 0) {
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
        if (sqeSize != ZIP_SQE_SIZE) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": SQE size " + sqeSize + " is not the "
                    + ZIP_SQE_SIZE + " bytes of a hisi_zip SQE (is it a ZIP device?)");
        }
        if (sqDepth < 2 || cqDepth < 2) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": queue depths " + sqDepth + "/" + cqDepth
                    + " leave no room for a job");
        }
        long rings = (long) sqDepth * sqeSize + (long) cqDepth * CQE_SIZE;
        if (rings + STATUS_WORDS > dus) {
            throw new WdException(WdStatus.DEVICE_ERROR, path + ": the DUS region of " + dus + " bytes cannot hold "
                    + sqDepth + " SQEs and " + cqDepth + " CQEs" + (depthFromKernel ? ""
                    : " (depth " + fallbackDepth + " assumed: the kernel does not answer SET_QP_INFO)"));
        }
        check(seam.ioctl(fd, START_Q, 0), "START_Q");
    }

    private long map(int region, long page, long length, String name) {
        long address = seam.mmap(fd, region * page, length);
        if (address < 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "mmap of the " + name + " region (" + length + " bytes) of "
                    + path + ": " + Errno.describe((int) address));
        }
        return address;
    }

    private void check(int rc, String command) {
        if (rc < 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "ioctl " + command + " on " + path + ": " + Errno.describe(rc));
        }
    }

    /**
     * {@code PUT_Q}: stops the queue and gives the queue pair back to the device. When it
     * returns the device no longer executes this queue's SQEs. Idempotent.
     *
     * @return 0, or the negated errno (ENXIO when the device was removed: the kernel put it already)
     */
    public int putQueue() {
        if (put || released) {
            return 0;
        }
        put = true;
        return seam.ioctl(fd, PUT_Q, 0);
    }

    /**
     * Releases everything, in the reference's order: PUT_Q, unmap DUS and MMIO, close. No
     * address of the regions may be touched afterwards. Idempotent.
     *
     * @return a description of what failed, or null
     */
    public String release() {
        if (released) {
            return null;
        }
        StringBuilder failed = new StringBuilder();
        int rc = putQueue();
        if (rc < 0 && rc != -Errno.ENXIO) {
            failed.append(" PUT_Q: ").append(Errno.describe(rc));
        }
        released = true;
        if (dusAddress > 0 && (rc = seam.munmap(dusAddress, dusLength)) < 0) {
            failed.append(" munmap DUS: ").append(Errno.describe(rc));
        }
        if (mmioAddress > 0 && (rc = seam.munmap(mmioAddress, mmioLength)) < 0) {
            failed.append(" munmap MMIO: ").append(Errno.describe(rc));
        }
        if ((rc = seam.close(fd)) < 0) {
            failed.append(" close: ").append(Errno.describe(rc));
        }
        return failed.length() == 0 ? null : path + ":" + failed;
    }

    /**
     * Looks for a completion without waiting; a negated errno (ENXIO) when the queue can no
     * longer be used (released, or its device removed).
     */
    public int pollNow() {
        return released ? -Errno.EBADF : seam.poll(fd, 0);
    }

    public String path() {
        return path;
    }

    public int fd() {
        return fd;
    }

    public UacceSeam seam() {
        return seam;
    }

    public long dusAddress() {
        return dusAddress;
    }

    public long dusLength() {
        return dusLength;
    }

    public long mmioAddress() {
        return mmioAddress;
    }

    public long mmioLength() {
        return mmioLength;
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
