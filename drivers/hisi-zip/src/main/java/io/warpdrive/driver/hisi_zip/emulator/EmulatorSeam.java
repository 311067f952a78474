package io.warpdrive.driver.hisi_zip.emulator;

import io.warpdrive.uacce.Doorbell;
import io.warpdrive.uacce.UacceSeam;

/**
 * The seam to libwdemu, the emulated HiSilicon ZIP devices: the same calls with the same
 * arguments and error codes as the kernel's, served in this process. Its sysfs files are
 * real files in the emulator's directory, read like sysfs. Only valid while the
 * {@link Emulator} that made it runs.
 */
public final class EmulatorSeam implements UacceSeam {
    /** uacce ignores open flags; UADK passes O_RDWR | O_CLOEXEC and so do we. */
    private static final int OPEN_FLAGS = 0x2 | 0x80000;

    private final long pageSize;

    EmulatorSeam(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public int open(String path) {
        return WdEmu.wdemu_open(path, OPEN_FLAGS);
    }

    @Override
    public int close(int fd) {
        return WdEmu.wdemu_close(fd);
    }

    @Override
    public int ioctl(int fd, int command, long argumentAddress) {
        return WdEmu.wdemu_ioctl(fd, command & 0xffff_ffffL, argumentAddress);
    }

    @Override
    public long mmap(int fd, long offset, long length) {
        return WdEmu.wdemu_mmap(fd, offset, length);
    }

    @Override
    public int munmap(long address, long length) {
        return WdEmu.wdemu_munmap(address, length);
    }

    @Override
    public int poll(int fd, int timeoutMillis) {
        return WdEmu.wdemu_poll(fd, timeoutMillis);
    }

    /** The emulated register latches the store and wakes the device thread. */
    @Override
    public Doorbell doorbell(long address) {
        return value -> WdEmu.wdemu_mmio_write64(address, value);
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public String describe() {
        return "the emulated device (libwdemu)";
    }
}
