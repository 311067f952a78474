package io.warpdrive.shell;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A configuration file of the home's conf/ folder ({@code key=value} lines, as FileInstall reads
 * {@code .cfg} files). Entries are set and the rest — comments, order, other keys, the spelling of
 * lines whose value stays — is kept. The new content is written under a temporary name and
 * renamed over the file, and only when it differs: the file is never truncated in place, and a
 * change that changes nothing writes nothing.
 */
final class ConfFile {
    /** Set by FileInstall on a configuration read from a file: that file's URI. */
    static final String FILENAME = "felix.fileinstall.filename";
    /** Properties Configuration Admin and FileInstall add: not settings, never written to a file. */
    private static final Set<String> NOT_SETTINGS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILENAME);

    private ConfFile() {
    }

    /**
     * Sets {@code values} in {@code file} (created when missing), keeping its other entries.
     *
     * @return whether the file was written
     */
    static boolean set(Path file, Map<String, String> values) throws IOException {
        return write(file, values, false);
    }

    /**
     * Makes {@code file}'s entries exactly {@code values}: entries of other keys are removed,
     * comments stay.
     *
     * @return whether the file was written
     */
    static boolean replace(Path file, Map<String, String> values) throws IOException {
        return write(file, values, true);
    }

    private static boolean write(Path file, Map<String, String> values, boolean removeOthers) throws IOException {
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        String after = with(before == null ? "" : before, values, removeOthers);
        if (after.equals(before) || before == null && values.isEmpty()) {
            return false;
        }
        try (OutputFile out = OutputFile.create(file, true)) {
            if (before != null) {
                out.permissionsLike(file);
            }
            ByteBuffer bytes = ByteBuffer.wrap(after.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.channel().write(bytes);
            }
            out.commit();
        }
        return true;
    }

    /**
     * The text with each key's entry set: a line whose value is already right is kept as written,
     * another is replaced, later duplicates are dropped, missing keys are appended.
     */
    static String with(String text, Map<String, String> values, boolean removeOthers) {
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> lines = new ArrayList<>();
        List<String> in = text.lines().toList();
        for (int i = 0; i < in.size(); i++) {
            String key = keyOf(in.get(i));
            int last = i;
            while (key != null && continues(in.get(last)) && last + 1 < in.size()) {
                last++; // a value continued on the next line belongs to this entry
            }
            List<String> entry = in.subList(i, last + 1);
            if (key == null || !values.containsKey(key) && !removeOthers) {
                lines.addAll(entry);
            } else if (pending.containsKey(key)) {
                String value = pending.remove(key);
                String written = entry.size() == 1 ? valueOf(entry.get(0)) : null;
                if (written != null && (written.equals(value) || written.contains("${"))) {
                    // as written; a ${...} placeholder FileInstall expanded is kept, not replaced by its value
                    lines.add(entry.get(0));
                } else {
                    lines.add(entry(key, value));
                }
            }
            i = last;
        }
        pending.forEach((k, v) -> lines.add(entry(k, v)));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The settings of a configuration, as a .cfg file holds them: values as text, lists comma-separated. */
    static Map<String, String> settings(Dictionary<String, Object> props) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (props != null) {
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!NOT_SETTINGS.contains(key)) {
                    settings.put(key, text(props.get(key)));
                }
            }
        }
        return settings;
    }

    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            return IntStream.range(0, Array.getLength(value)).mapToObj(i -> String.valueOf(Array.get(value, i)))
                    .collect(Collectors.joining(","));
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return Objects.toString(value, "");
    }

    private static String entry(String key, String value) {
        String escaped = value.replace("\\", "\\\\");
        if (!escaped.isEmpty() && Character.isWhitespace(escaped.charAt(0))) {
            escaped = "\\" + escaped;
        }
        return key + "=" + escaped;
    }

    /** The key of an entry line, or null for a comment or a blank line. */
    private static String keyOf(String line) {
        String s = line.stripLeading();
        if (s.isEmpty() || s.charAt(0) == '#' || s.charAt(0) == '!') {
            return null;
        }
        return s.substring(0, keyEnd(s));
    }

    private static int keyEnd(String s) {
        int end = 0;
        while (end < s.length() && "=: \t".indexOf(s.charAt(end)) < 0) {
            end += s.charAt(end) == '\\' ? 2 : 1;
        }
        return Math.min(end, s.length());
    }

    /** The value of a one-line entry as the properties format reads it (escapes other than \\ kept). */
    private static String valueOf(String line) {
        String s = line.stripLeading();
        int i = keyEnd(s);
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == ':')) {
            i++;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i).replace("\\\\", "\\");
    }

    /** Whether a line ends with an odd number of backslashes (its value goes on). */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
