package io.warpdrive.shell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file of the home's conf/ folder ({@code key=value} lines, as FileInstall reads
 * {@code .cfg} files): sets keys and keeps the rest — comments, order, other keys — as it was. The
 * new content is written under a temporary name and renamed over the file, and only when it
 * differs: the file is never truncated in place, and a change that changes nothing writes nothing.
 */
final class ConfFile {
    private ConfFile() {
    }

    /**
     * Sets {@code values} in {@code file} (created when missing).
     *
     * @return whether the file was written
     */
    static boolean set(Path file, Map<String, String> values) throws IOException {
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        String after = with(before == null ? "" : before, values);
        if (after.equals(before)) {
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

    /** The text with each key's line replaced (the first occurrence; later ones dropped) or appended. */
    static String with(String text, Map<String, String> values) {
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> lines = new ArrayList<>();
        List<String> in = text.lines().toList();
        for (int i = 0; i < in.size(); i++) {
            String line = in.get(i);
            String key = keyOf(line);
            int last = i;
            while (key != null && continues(in.get(last)) && last + 1 < in.size()) {
                last++; // a value continued on the next line belongs to this entry
            }
            if (key == null || !values.containsKey(key)) {
                lines.addAll(in.subList(i, last + 1));
            } else if (pending.containsKey(key)) {
                lines.add(entry(key, pending.remove(key)));
            }
            i = last;
        }
        pending.forEach((k, v) -> lines.add(entry(k, v)));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
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
        int end = 0;
        while (end < s.length() && "=: \t".indexOf(s.charAt(end)) < 0) {
            end += s.charAt(end) == '\\' ? 2 : 1;
        }
        return s.substring(0, Math.min(end, s.length()));
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
