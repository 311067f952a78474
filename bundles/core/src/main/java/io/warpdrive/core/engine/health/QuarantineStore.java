package io.warpdrive.core.engine.health;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The quarantined devices kept in the platform's data folder across restarts ({@code
 * quarantine.properties}, beside the models): per device identity (as the models name it: driver,
 * driver version, the device's name and attributes), its driver and device names, why it is out,
 * and whether it waits for an administrator. Written under a temporary name and renamed.
 */
final class QuarantineStore {
    /** One kept quarantine. */
    record Kept(String identity, String driver, String device, String reason, boolean heldOut) {
    }

    private final Path file;

    QuarantineStore(Path file) {
        this.file = file;
    }

    /** The kept quarantines by identity; empty when there is no file. Entries missing a part are skipped. */
    Map<String, Kept> load() throws IOException {
        Map<String, Kept> all = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return all;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith("#reason")) {
                continue;
            }
            String identity = key.substring(0, key.length() - "#reason".length());
            String driver = p.getProperty(identity + "#driver");
            String device = p.getProperty(identity + "#device");
            if (driver != null && device != null) {
                all.put(identity, new Kept(identity, driver, device, p.getProperty(key),
                        Boolean.parseBoolean(p.getProperty(identity + "#heldOut"))));
            }
        }
        return all;
    }

    /** Replaces the file with these quarantines (none: the file is removed). */
    void save(Collection<Kept> quarantines) throws IOException {
        if (quarantines.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Properties p = new Properties();
        for (Kept k : quarantines) {
            p.setProperty(k.identity() + "#driver", k.driver());
            p.setProperty(k.identity() + "#device", k.device());
            p.setProperty(k.identity() + "#reason", k.reason());
            p.setProperty(k.identity() + "#heldOut", Boolean.toString(k.heldOut()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "WarpDrive quarantined devices: identity#driver, #device, #reason, #heldOut");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
