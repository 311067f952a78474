package io.warpdrive.uacce;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;

/**
 * One opened uacce queue pair: the char device's fd and its two mapped regions.
 * {@link #open} follows the order UADK uses for its queues, which every uacce
 * device accepts: {@code open} (the kernel allocates the queue pair here; EBUSY when the
 * device has none free), {@code mmap} of the DUS region (the rings) at offset 1 × page and
 * of the MMIO region (doorbells) at offset 0, each exactly the sysfs size, then the vendor
 * driver's own ioctls ({@link SetUp}), then {@code UACCE_CMD_START_Q}. {@link #release}
 * undoes it: {@code UACCE_CMD_PUT_Q}, unmap, close.
 *
 * <p>Not thread-safe: the queue that owns it serialises open, put and release.
 */
public final class QueuePairFile {
    /** {@code UACCE_CMD_START_Q = _IO('W', 0)}: start the queue (only from the INIT state). */
    public static final int START_Q = 0x5700;
    /** {@code UACCE_CMD_PUT_Q = _IO('W', 1)}: stop and release the queue pair; the fd is dead afterwards. */
    public static final int PUT_Q = 0x5701;
    /** mmap region types ({@code enum uacce_qfrt}): file offset = type × page size. */
    public static final int REGION_MMIO = 0;
    public static final int REGION_DUS = 1;

    /**
     * What a vendor driver does between mapping the regions and starting the queue (its own
     * ioctls, checks of the regions against its ring layout). A
     * {@link io.warpdrive.comp.WdException} it throws fails the open; the queue pair is
     * released.
     */
    @FunctionalInterface
    public interface SetUp {
        void configure(QueuePairFile file);
    }

    private final UacceSeam seam;
    private final String path;
    private final int fd;
    private long dusAddress;
    private long dusLength;
    private long mmioAddress;
    private long mmioLength;
    private boolean put;
    private boolean released;

    private QueuePairFile(UacceSeam seam, String path, int fd) {
        this.seam = seam;
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens, maps, sets up and starts a queue pair of {@code device}.
     *
     * @throws WdException BUSY when the device has no free queue pair (a normal outcome);
     *         DEVICE_ERROR naming the step and the errno otherwise
     */
    public static QueuePairFile open(UacceSeam seam, UacceDevice device, SetUp setUp) {
        return open(seam, device.charDevice().toString(), device.mmioSize(), device.dusSize(), setUp);
    }

    /**
     * Opens, maps, sets up and starts a queue pair on the char device at {@code path}, whose
     * regions are {@code mmioLength} and {@code dusLength} bytes (the sysfs sizes).
     *
     * @throws WdException BUSY when the device has no free queue pair (a normal outcome);
     *         DEVICE_ERROR naming the step and the errno otherwise
     */
    public static QueuePairFile open(UacceSeam seam, String path, long mmioLength, long dusLength, SetUp setUp) {
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
            long page = seam.pageSize();
            q.dusAddress = q.map(REGION_DUS, page, dusLength, "DUS");
            q.dusLength = dusLength;
            q.mmioAddress = q.map(REGION_MMIO, page, mmioLength, "MMIO");
            q.mmioLength = mmioLength;
            setUp.configure(q);
            q.ioctl(START_Q, 0, "START_Q");
            return q;
        } catch (RuntimeException | LinkageError e) {
            q.release();
            throw e;
        }
    }

    private long map(int region, long page, long length, String name) {
        long address = seam.mmap(fd, region * page, length);
        if (address < 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "mmap of the " + name + " region (" + length + " bytes) of "
                    + path + ": " + Errno.describe((int) address));
        }
        return address;
    }

    /**
     * An ioctl that must succeed, with its argument structure at {@code argumentAddress}
     * (0 for none).
     *
     * @param name the command's name for the message
     * @throws WdException DEVICE_ERROR naming the command, the device and the errno
     */
    public void ioctl(int command, long argumentAddress, String name) {
        int rc = tryIoctl(command, argumentAddress);
        if (rc < 0) {
            throw new WdException(WdStatus.DEVICE_ERROR, "ioctl " + name + " on " + path + ": " + Errno.describe(rc));
        }
    }

    /** An ioctl whose refusal the caller handles: its result, {@code >= 0} or a negated errno. */
    public int tryIoctl(int command, long argumentAddress) {
        return seam.ioctl(fd, command, argumentAddress);
    }

    /**
     * {@code PUT_Q}: stops the queue and gives the queue pair back to the device. When it
     * returns the device no longer executes this queue's requests. Idempotent.
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
     * Waits up to {@code timeoutMillis} (0: just looks) for a completion not yet reaped: 1
     * when there is one, 0 when not, a negated errno when the queue can no longer be used
     * (ENXIO: released by the kernel or its device removed; EBADF: released here).
     */
    public int awaitCompletion(int timeoutMillis) {
        return released ? -Errno.EBADF : seam.poll(fd, timeoutMillis);
    }

    /** {@link #awaitCompletion} without waiting. */
    public int pollNow() {
        return awaitCompletion(0);
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
}
