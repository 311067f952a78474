package io.warpdrive.webconsole;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.QueueMode;
import java.util.Locale;

/**
 * The changes an operator makes from the page, through {@link Platform} as the shell's
 * {@code sched use} and {@code queues} make them: same checks, same messages. Bad input is
 * refused with {@link WdStatus#INVALID_ARGUMENT}, like the platform refuses bad values.
 */
final class AdminActions {
    private final Platform platform;

    AdminActions(Platform platform) {
        this.platform = platform;
    }

    /** Makes a policy the active one; returns the message to show. */
    String usePolicy(String name) {
        String n = required("policy", name);
        platform.usePolicy(n);
        return "active scheduling policy: " + n + " (chosen by name)";
    }

    /**
     * Keeps {@code count} queues of {@code mode} per direction on a driver's devices, or on
     * one device; returns the message to show.
     *
     * @param device a device name, or null/blank for every device of the driver
     * @param mode shared, sync or async (null/blank: shared)
     */
    String setQueueCount(String driver, String device, String mode, String count) {
        String d = required("driver", driver);
        String dev = device == null || device.isBlank() ? null : device.strip();
        QueueMode m;
        try {
            m = mode == null || mode.isBlank() ? QueueMode.SHARED : QueueMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the mode is shared, sync or async, not '" + mode + "'");
        }
        int n;
        try {
            n = Integer.parseInt(required("count", count));
        } catch (NumberFormatException e) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "the queue count must be a number, not '" + count + "'");
        }
        platform.setQueueCount(d, dev, m, n);
        return n + " " + m.name().toLowerCase(Locale.ROOT) + " queues per direction on "
                + (dev == null ? "every device of " + d : dev) + " (saved; applied live)";
    }

    private static String required(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new WdException(WdStatus.INVALID_ARGUMENT, "give a " + what);
        }
        return value.strip();
    }
}
