package io.warpdrive.sched.coordinator;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Supplier;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One CPU driver's worker count: {@code workers} in the driver's configuration (the soft and
 * the isal driver apply it live). The setting found before the first change is kept and put
 * back on {@link #restore()} (the key removed again if there was none), as the coordinator's design resets a
 * node to its original value when nothing is pending.
 */
final class DriverWorkersKnob implements Knob {
    static final String SOFT_PID = "io.warpdrive.driver.soft";
    static final String ISAL_PID = "io.warpdrive.driver.isal";
    static final String KEY = "workers";
    private static final String NO_CM = "no-config-admin";

    /** Saved when the key was not set before the first change. */
    private static final Object ABSENT = new Object();

    private final String pid;
    private final Supplier<ConfigurationAdmin> configAdmin;
    private final CoordinatorLog log;
    /** The setting before the first change: null when no change was made, ABSENT when there was no key. */
    private Object saved;

    DriverWorkersKnob(String pid, Supplier<ConfigurationAdmin> configAdmin, CoordinatorLog log) {
        this.pid = pid;
        this.configAdmin = configAdmin;
        this.log = log;
    }

    @Override
    public synchronized long original() {
        Object v = saved != null ? saved : read(configAdmin.get(), pid);
        return v instanceof Number ? ((Number) v).longValue() : parse(v);
    }

    @Override
    public synchronized boolean set(long value) {
        ConfigurationAdmin cm = configAdmin.get();
        if (cm == null) {
            log.warnOnce(NO_CM, "Configuration Admin is not running: cpu.workers tunes are not applied to the CPU "
                    + "drivers until it is");
            return false;
        }
        log.clear(NO_CM);
        try {
            Configuration c = cm.getConfiguration(pid, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            if (saved == null) {
                Object before = props.get(KEY);
                saved = before == null ? ABSENT : before;
            }
            props.put(KEY, (int) value);
            c.update(props);
            return true;
        } catch (IOException | IllegalStateException e) {
            log.warn("cannot set the workers of " + pid + " to " + value + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized boolean restore() {
        if (saved == null) {
            return true;
        }
        ConfigurationAdmin cm = configAdmin.get();
        if (cm == null) {
            return false;
        }
        try {
            Configuration c = cm.getConfiguration(pid, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            if (saved == ABSENT) {
                props.remove(KEY);
            } else {
                props.put(KEY, saved);
            }
            c.update(props);
            saved = null;
            return true;
        } catch (IOException | IllegalStateException e) {
            log.warn("cannot put the workers of " + pid + " back: " + e.getMessage());
            return false;
        }
    }

    private static Object read(ConfigurationAdmin cm, String pid) {
        if (cm == null) {
            return null;
        }
        try {
            Configuration[] found = cm.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return null;
            }
            return found[0].getProperties().get(KEY);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return null;
        }
    }

    /** A .cfg file gives the value as a string; absent or unreadable is 0 (one worker per processor). */
    private static long parse(Object v) {
        if (v == null || v == ABSENT) {
            return 0;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
