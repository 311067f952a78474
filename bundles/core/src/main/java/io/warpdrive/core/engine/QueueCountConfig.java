package io.warpdrive.core.engine;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.lib.QueueMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Writes queue counts into the engine's configuration ({@value Engine#PID}, key
 * {@code queues}) so they persist, and so FileInstall writes them back to {@code conf/}
 * when the configuration came from there. The engine applies them when Configuration Admin
 * delivers the change.
 */
final class QueueCountConfig {
    private QueueCountConfig() {
    }

    /** The key of an entry: {@code DRIVER[/DEVICE][:MODE]}. */
    static String target(String driver, String device, QueueMode mode) {
        return driver + (device == null ? "" : "/" + device)
                + (mode == QueueMode.SHARED ? "" : ":" + mode.name().toLowerCase(Locale.ROOT));
    }

    static void write(ConfigurationAdmin configAdmin, String target, int count) {
        if (configAdmin == null) {
            throw new WdException(WdStatus.UNSUPPORTED,
                    "Configuration Admin is not running: queue counts cannot be changed and persisted");
        }
        try {
            Configuration c = configAdmin.getConfiguration(Engine.PID, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            List<String> entries = new ArrayList<>();
            for (String entry : entries(props.get("queues"))) {
                int eq = entry.indexOf('=');
                if (eq > 0 && !entry.substring(0, eq).trim().equals(target)) {
                    entries.add(entry.trim());
                }
            }
            entries.add(target + "=" + count);
            // One comma-separated string: what a .cfg file holds, so FileInstall writes it back readably.
            props.put("queues", String.join(",", entries));
            c.update(props);
        } catch (IOException e) {
            throw new WdException(WdStatus.INTERNAL, "cannot update the configuration " + Engine.PID + ": " + e, e);
        }
    }

    private static List<String> entries(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof String[]) {
            for (String s : (String[]) value) {
                split(s, list);
            }
        } else if (value instanceof Iterable) {
            for (Object o : (Iterable<?>) value) {
                split(String.valueOf(o), list);
            }
        } else if (value != null) {
            split(String.valueOf(value), list);
        }
        return list;
    }

    private static void split(String s, List<String> into) {
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                into.add(part.trim());
            }
        }
    }
}
