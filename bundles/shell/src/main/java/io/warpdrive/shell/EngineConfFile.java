package io.warpdrive.shell;

import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Saves the engine's queue counts in the home's conf/ file, for one-shot commands: their
 * Configuration Admin store is a throw-away copy, so the file is where a change lasts (the next
 * start, and a platform running on the same home, read it through FileInstall).
 */
final class EngineConfFile {
    static final String PID = "io.warpdrive.engine";
    static final String QUEUES = "queues";
    /** Set by FileInstall on a configuration read from a file: that file's URI. */
    private static final String FILENAME = "felix.fileinstall.filename";
    private static final Set<String> NOT_SETTINGS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILENAME);

    private EngineConfFile() {
    }

    /**
     * Writes the engine configuration's queue counts into its file: the file it was read from,
     * else {@code home/conf/io.warpdrive.engine.cfg}, created with every setting of the
     * configuration so that reading it back changes nothing else.
     *
     * @return the file
     */
    static Path save(ConfigurationAdmin configAdmin, String home) throws IOException {
        if (configAdmin == null || home == null) {
            throw new CommandFailure("applied to this run only, not saved: "
                    + (configAdmin == null ? "Configuration Admin is not running" : "no home directory is known"));
        }
        Dictionary<String, Object> props = engineProperties(configAdmin);
        Object filename = props == null ? null : props.get(FILENAME);
        Path file = filename == null ? Path.of(home, "conf", PID + ".cfg") : Path.of(URI.create(filename.toString()));
        Map<String, String> values = new LinkedHashMap<>();
        if (props != null) {
            boolean newFile = !Files.exists(file);
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (key.equals(QUEUES) || newFile && !NOT_SETTINGS.contains(key)) {
                    values.put(key, text(props.get(key)));
                }
            }
        }
        ConfFile.set(file, values);
        return file;
    }

    private static Dictionary<String, Object> engineProperties(ConfigurationAdmin configAdmin) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + PID + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration value as a .cfg file holds it: lists comma-separated. */
    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            return Stream.iterate(0, i -> i < Array.getLength(value), i -> i + 1).map(i -> String.valueOf(Array.get(value, i)))
                    .collect(Collectors.joining(","));
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
