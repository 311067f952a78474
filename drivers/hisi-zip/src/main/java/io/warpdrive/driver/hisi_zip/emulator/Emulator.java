package io.warpdrive.driver.hisi_zip.emulator;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.uacce.Errno;
import io.warpdrive.uacce.LinuxSeam;
import io.warpdrive.uacce.UacceSeam;
import java.nio.file.Path;

/**
 * The emulated devices of libwdemu: started in a directory (which gets {@code class/uacce}
 * and {@code dev}), stopped, and its test hooks (fault injection, counters). libwdemu
 * holds one set of devices per process, so one Emulator runs at a time.
 */
public final class Emulator implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static Emulator running;

    private final Path root;
    private final String config;
    private final EmulatorSeam seam;
    private boolean stopped;

    private Emulator(Path root, String config, long pageSize) {
        this.root = root;
        this.config = config;
        this.seam = new EmulatorSeam(pageSize);
    }

    /**
     * Starts the devices {@code config} describes (libwdemu's {@code key=value;...}) with their
     * files under {@code root}.
     *
     * @throws WdException DEVICE_ERROR when libwdemu cannot be loaded or refuses the configuration;
     *         INVALID_STATE when an emulator already runs in this process
     */
    public static Emulator start(Path root, String config) {
        synchronized (LOCK) {
            if (running != null) {
                throw new WdException(WdStatus.INVALID_STATE, "the emulator already runs in this process (in "
                        + running.root + "); libwdemu holds one set of devices per process");
            }
            long pageSize;
            int rc;
            try {
                pageSize = new LinuxSeam().pageSize();
                rc = WdEmu.wdemu_start(root.toString(), config);
            } catch (LinkageError e) {
                throw new WdException(WdStatus.DEVICE_ERROR, "cannot load libwdemu, the device emulator: " + e, e);
            }
            if (rc != 0) {
                throw new WdException(WdStatus.DEVICE_ERROR, "the emulator refused to start with '" + config + "' in "
                        + root + ": " + Errno.describe(rc));
            }
            running = new Emulator(root, config, pageSize);
            return running;
        }
    }

    public UacceSeam seam() {
        return seam;
    }

    /** The emulated sysfs class directory ({@code <root>/class/uacce}). */
    public Path classDirectory() {
        return root.resolve("class").resolve("uacce");
    }

    /** The directory of the emulated char devices ({@code <root>/dev}). */
    public Path deviceDirectory() {
        return root.resolve("dev");
    }

    public Path root() {
        return root;
    }

    public String config() {
        return config;
    }

    /**
     * Injects a fault on a device (see wdemu.h): {@code error_status N}, {@code stuck 1|0},
     * {@code stop 1|0}, {@code isolate 1|0}, {@code remove}, {@code ebusy N}.
     *
     * @throws WdException INVALID_ARGUMENT when the emulator refuses it
     */
    public void inject(String device, String fault, long argument) {
        int rc = WdEmu.wdemu_inject(device, fault, argument);
        if (rc != 0) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "fault " + fault + " " + argument + " on " + device
                    + " refused: " + Errno.describe(rc));
        }
    }

    /** Queue fds opened and not yet closed, over all devices (leak checks). */
    public int liveQueues() {
        return WdEmu.wdemu_live_queues();
    }

    /** A device counter: completed, errors, bytes_in, bytes_out, doorbells, bad_doorbells, queues_in_use, streams. */
    public long stat(String device, String counter) {
        return WdEmu.wdemu_stat(device, counter);
    }

    /** Stops the devices; every fd dies and no mapped address may be touched afterwards. Idempotent. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            WdEmu.wdemu_stop();
            if (running == this) {
                running = null;
            }
        }
    }
}
