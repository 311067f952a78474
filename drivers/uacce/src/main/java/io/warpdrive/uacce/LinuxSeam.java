package io.warpdrive.uacce;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The seam to the Linux kernel: libc system calls on {@code /dev/<device>} and plain file
 * reads of {@code /sys/class/uacce}. libc is bound on the first call, so a machine without
 * accelerators never loads it. A doorbell is a single 64-bit store into the mapped MMIO
 * page, through a direct buffer over the register (no native call on the data path).
 */
public final class LinuxSeam implements UacceSeam {
    private static final VarHandle REGISTER = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    @Override
    public int open(String path) {
        int fd = LibC.open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    @Override
    public int close(int fd) {
        return LibC.close(fd) == 0 ? 0 : -Native.getLastError();
    }

    @Override
    public int ioctl(int fd, int command, long argumentAddress) {
        // The kernel takes the command as an unsigned int: pass it zero-extended.
        int rc = LibC.ioctl(fd, command & 0xffff_ffffL, argumentAddress);
        return rc >= 0 ? rc : -Native.getLastError();
    }

    @Override
    public long mmap(int fd, long offset, long length) {
        long address = LibC.mmap(0, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, offset);
        return address == LibC.MAP_FAILED ? -Native.getLastError() : address;
    }

    @Override
    public int munmap(long address, long length) {
        return LibC.munmap(address, length) == 0 ? 0 : -Native.getLastError();
    }

    /** {@code struct pollfd}: POLLIN is a completion; POLLERR, POLLHUP or POLLNVAL mean the queue is gone. */
    @Override
    public int poll(int fd, int timeoutMillis) {
        try (Memory pollfd = new Memory(8)) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, LibC.POLLIN);
            pollfd.setShort(6, (short) 0);
            int n = LibC.poll(Pointer.nativeValue(pollfd), 1, timeoutMillis);
            if (n < 0) {
                return -Native.getLastError();
            }
            short revents = pollfd.getShort(6);
            if ((revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
                return -Errno.ENXIO;
            }
            return (revents & LibC.POLLIN) != 0 ? 1 : 0;
        }
    }

    @Override
    public Doorbell doorbell(long address) {
        ByteBuffer register = new Pointer(address).getByteBuffer(0, Long.BYTES);
        return value -> REGISTER.setOpaque(register, 0, value);
    }

    @Override
    public long pageSize() {
        return LibC.getpagesize();
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public String describe() {
        return "the Linux kernel (libc)";
    }
}
