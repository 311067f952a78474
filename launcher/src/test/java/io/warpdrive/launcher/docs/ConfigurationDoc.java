package io.warpdrive.launcher.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys and defaults {@code docs/configuration.md} documents. Its convention: each component is a
 * heading whose first code span is the PID; under it, a table with the header
 * {@code | key | default | meaning |} whose rows start with the key as a code span and whose default
 * cell starts with the default as a code span, or with {@code —} when there is none.
 */
final class ConfigurationDoc {

    static final String TABLE_HEADER = "| key | default | meaning |";
    private static final Pattern HEADING = Pattern.compile("^#{2,4} [^`]*`([^`]+)`.*");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*)\\|.*");
    private static final Pattern CODE = Pattern.compile("^`([^`]*)`.*");

    private ConfigurationDoc() {
    }

    static Map<String, Map<String, String>> read(Path markdown) throws IOException {
        Map<String, Map<String, String>> pids = new TreeMap<>();
        List<String> lines = Files.readAllLines(markdown);
        String pid = null;
        boolean inKeyTable = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                pid = heading.group(1);
                inKeyTable = false;
            } else if (line.strip().equals(TABLE_HEADER)) {
                if (pid == null) {
                    throw new IOException(where(markdown, n) + "a key table before any PID heading");
                }
                inKeyTable = true;
            } else if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (inKeyTable && !line.startsWith("|---")) {
                Matcher row = ROW.matcher(line);
                if (!row.matches()) {
                    throw new IOException(where(markdown, n) + "a row of a key table that does not start "
                            + "with `key` | default |: " + line);
                }
                Map<String, String> keys = pids.computeIfAbsent(pid, p -> new TreeMap<>());
                if (keys.put(row.group(1), defaultOf(row.group(2).strip(), markdown, n)) != null) {
                    throw new IOException(where(markdown, n) + pid + " " + row.group(1) + " documented twice");
                }
            }
        }
        return pids;
    }

    private static String defaultOf(String cell, Path markdown, int n) throws IOException {
        if (cell.startsWith("—")) {
            return "";
        }
        Matcher code = CODE.matcher(cell);
        if (!code.matches()) {
            throw new IOException(where(markdown, n) + "the default must start with `value` or —: " + cell);
        }
        return code.group(1).replaceAll(",\\s+", ",");
    }

    private static String where(Path markdown, int n) {
        return markdown.getFileName() + ":" + (n + 1) + ": ";
    }
}
