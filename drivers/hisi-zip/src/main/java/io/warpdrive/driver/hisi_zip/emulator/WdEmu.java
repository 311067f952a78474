package io.warpdrive.driver.hisi_zip.emulator;

import com.sun.jna.Native;

/**
 * libwdemu (native/include/wdemu.h) through JNA direct mapping. The library is embedded in
 * this bundle at JNA's resource path ({@code linux-x86-64/libwdemu.so}, ...) and found
 * through this class's loader, so the same code loads it from a class path in plain
 * JUnit and from the bundle inside an OSGi framework. Every function takes and returns
 * int, long or a string; it returns {@code >= 0} or a negated errno.
 */
final class WdEmu {
    static {
        Native.register(WdEmu.class, "wdemu");
    }

    private WdEmu() {
    }

    static native int wdemu_start(String root, String config);

    static native int wdemu_stop();

    static native int wdemu_open(String path, int flags);

    static native int wdemu_close(int fd);

    static native int wdemu_ioctl(int fd, long cmd, long argAddress);

    static native long wdemu_mmap(int fd, long offset, long length);

    static native int wdemu_munmap(long address, long length);

    static native int wdemu_poll(int fd, int timeoutMs);

    static native void wdemu_mmio_write64(long address, long value);

    static native int wdemu_inject(String device, String fault, long arg);

    static native int wdemu_live_queues();

    static native long wdemu_stat(String device, String name);
}
