package io.warpdrive.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Saves the engine's queue counts in the home's conf/ file. A one-shot command must: its
 * Configuration Admin store is a throw-away copy, so the file is where a change lasts (the next
 * start, and a platform running on the same home, read it through FileInstall). The shell does
 * when the configuration came from a file: FileInstall would otherwise put the file's older
 * content back at the next start.
 */
final class EngineConfFile {
    static final String PID = "io.warpdrive.engine";
    static final String QUEUES = "queues";

    private EngineConfFile() {
    }

    /**
     * Writes the engine configuration's queue counts into its file: the file it was read from,
     * else (when {@code orCreate}) {@code home/conf/io.warpdrive.engine.cfg}, created with every
     * setting of the configuration so that reading it back changes nothing else. Synchronous, so
     * the file holds the change when the command returns, even if the platform stops right after.
     *
     * @param orCreate whether to create the file when the configuration came from none
     * @return the file, or null when the configuration came from no file and none was created
     */
    static Path save(ConfigurationAdmin configAdmin, String home, boolean orCreate) throws IOException {
        if (configAdmin == null || home == null) {
            if (!orCreate) {
                return null;
            }
            throw new CommandFailure("applied to this run only, not saved: "
                    + (configAdmin == null ? "Configuration Admin is not running" : "no home directory is known"));
        }
        Dictionary<String, Object> props = engineProperties(configAdmin);
        Object filename = props == null ? null : props.get(ConfFile.FILENAME);
        if (filename == null && !orCreate) {
            return null;
        }
        Path file = filename == null ? Path.of(home, "conf", PID + ".cfg") : Path.of(URI.create(filename.toString()));
        Map<String, String> settings = ConfFile.settings(props);
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            values.put(QUEUES, settings.getOrDefault(QUEUES, ""));
        } else {
            values.putAll(settings);
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
}
