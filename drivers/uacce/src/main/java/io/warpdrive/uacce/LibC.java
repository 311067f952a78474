package io.warpdrive.uacce;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * libc through JNA direct mapping: primitive arguments only ({@code long} for pointers
 * and {@code size_t}, LP64), so a call is a plain native call with nothing to convert.
 * The variadic {@code ioctl} is bound with the fixed prototype {@code (int, unsigned long,
 * long)}, which is how LP64 Linux passes its three arguments anyway. errno is read with
 * {@link Native#getLastError()} after a call that returned -1.
 */
final class LibC {
    static final int O_RDWR = 0x2;
    static final int O_CLOEXEC = 0x80000;
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x1;
    static final long MAP_FAILED = -1L;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int ioctl(int fd, long request, long argp);

    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(long addr, long length);

    static native int poll(long fds, long nfds, int timeout);

    static native int getpagesize();
}
