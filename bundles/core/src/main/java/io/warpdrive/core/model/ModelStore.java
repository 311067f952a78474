package io.warpdrive.core.model;

import io.warpdrive.lib.Device;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The models kept in the platform's data folder across restarts: one properties file, a key per
 * cell that has learned something, prefixed with the engine's identity — driver, driver version
 * and the device's name and attributes — so that a model is used again only for the same device
 * under the same driver version, and dropped otherwise. Beside the cells, {@code <identity>#passed}
 * keeps when the engine last passed its calibration's known-answer self-test (epoch ms), read back
 * as the pseudo-cell {@link #SELF_TEST_PASSED}. Written under a temporary name and renamed.
 */
public final class ModelStore {
    /** The pseudo-cell of {@link #load()}'s maps holding when the engine last passed its self-test (epoch ms). */
    public static final int SELF_TEST_PASSED = -1;
    private static final String PASSED_KEY = "passed";

    private final Path file;

    public ModelStore(Path file) {
        this.file = file;
    }

    /**
     * The identity of an engine: what must not change for its model to hold. Attributes whose
     * values are paths (a char device, an emulator's folder) change from boot to boot and are left out.
     */
    public static String identity(String driver, String driverVersion, Device device) {
        StringBuilder b = new StringBuilder(driver).append('@').append(driverVersion).append('/').append(device.name());
        // Cells are numbered by operation, algorithm, level and size class: another layout
        // (an algorithm added) numbers them differently, so its models are not read back.
        b.append(";cells=").append(RequestClass.CELLS);
        Map<String, String> attributes;
        try {
            attributes = new TreeMap<>(device.attributes());
        } catch (RuntimeException e) {
            attributes = Map.of();
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!e.getValue().contains("/")) {
                b.append(';').append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.toString().replace(' ', '_');
    }

    /** Everything saved, identity → cell → state; empty when there is no file or it cannot be read. */
    public Map<String, Map<Integer, String>> load() throws IOException {
        Map<String, Map<Integer, String>> all = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return all;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
            int hash = key.lastIndexOf('#');
            if (hash <= 0) {
                continue;
            }
            if (key.substring(hash + 1).equals(PASSED_KEY)) {
                all.computeIfAbsent(key.substring(0, hash), k -> new TreeMap<>()).put(SELF_TEST_PASSED, p.getProperty(key));
                continue;
            }
            try {
                int cell = Integer.parseInt(key.substring(hash + 1));
                if (cell >= 0 && cell < RequestClass.CELLS) {
                    all.computeIfAbsent(key.substring(0, hash), k -> new TreeMap<>()).put(cell, p.getProperty(key));
                }
            } catch (NumberFormatException e) {
                // not one of ours
            }
        }
        return all;
    }

    /** Writes the models given (identity → model), replacing the file by rename. */
    public void save(Map<String, DeviceModel> models) throws IOException {
        Properties p = new Properties();
        for (Map.Entry<String, DeviceModel> e : models.entrySet()) {
            DeviceModel m = e.getValue();
            if (m.lastCalibrationMillis() > 0 && m.refused() == null) {
                p.setProperty(e.getKey() + "#" + PASSED_KEY, Long.toString(m.lastCalibrationMillis()));
            }
            ServiceModel s = m.service();
            for (int cell = 0; cell < RequestClass.CELLS; cell++) {
                String state = s.save(cell);
                if (state != null) {
                    p.setProperty(e.getKey() + "#" + cell, state);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "WarpDrive performance models: identity#cell = weight meanBytes meanNanos coBytes coBytesNanos samples");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
