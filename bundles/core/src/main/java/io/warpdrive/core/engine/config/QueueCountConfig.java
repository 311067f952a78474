package io.warpdrive.core.engine.config;

import io.warpdrive.lib.QueueMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Queue counts in the engine's configuration — per driver or device (key {@code queues}) and per
 * consumer (key {@code consumer.queues}) — written through {@link EngineConfigWriter}.
 */
public final class QueueCountConfig {
    private QueueCountConfig() {
    }

    /** The key of an entry: {@code DRIVER[/DEVICE][:MODE]}. */
    public static String target(String driver, String device, QueueMode mode) {
        return driver + (device == null ? "" : "/" + device)
                + (mode == QueueMode.SHARED ? "" : ":" + mode.name().toLowerCase(Locale.ROOT));
    }

    public static void write(ConfigurationAdmin configAdmin, String target, int count) {
        put(configAdmin, "queues", target, count, "queue counts");
    }

    /** The queues per direction a consumer is given; 0 removes its entry. */
    public static void writeConsumer(ConfigurationAdmin configAdmin, String consumer, int count) {
        put(configAdmin, "consumer.queues", consumer, count, "queues per consumer");
    }

    /** Replaces the entry {@code target=…} of a list key with {@code target=count} (none when count is 0 and the key is per consumer). */
    private static void put(ConfigurationAdmin configAdmin, String key, String target, int count, String what) {
        EngineConfigWriter.change(configAdmin, key, value -> {
            List<String> entries = new ArrayList<>();
            for (String entry : entries(value)) {
                int eq = entry.indexOf('=');
                if (eq > 0 && !entry.substring(0, eq).trim().equals(target)) {
                    entries.add(entry.trim());
                }
            }
            if (count != 0 || key.equals("queues")) {
                entries.add(target + "=" + count);
            }
            // One comma-separated string: what a .cfg file holds, so FileInstall writes it back readably.
            return String.join(",", entries);
        }, what);
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
