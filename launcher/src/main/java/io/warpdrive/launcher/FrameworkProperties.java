package io.warpdrive.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared framework properties ({@code cnf/run/framework.properties}): loading and
 * placeholder expansion. Used by the launcher (on the copy embedded in warpdrive.jar) and by
 * the integration tests (on the file in cnf/run), so both read it the same way.
 *
 * <p>A value may contain {@code ${name}}; the name is looked up in the variables the caller
 * gives (e.g. {@code warpdrive.home}), then among the other properties of the file (expanded
 * in turn), then in the JVM's system properties. An unknown name is an error: a half-expanded
 * path would silently point somewhere else.
 */
public final class FrameworkProperties {

    /** Where the launcher finds its embedded copy. */
    public static final String RESOURCE = "/io/warpdrive/launcher/framework.properties";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_DEPTH = 16;

    private FrameworkProperties() {
    }

    /** Reads a properties file, keeping the order of its keys. */
    public static Map<String, String> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return toMap(read(r));
        }
    }

    /** Reads the copy embedded in the launcher jar. */
    public static Map<String, String> loadEmbedded() throws IOException {
        try (InputStream in = FrameworkProperties.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("framework.properties is missing from the launcher jar");
            }
            Properties p = new Properties();
            p.load(in);
            return toMap(p);
        }
    }

    private static Properties read(Reader r) throws IOException {
        Properties p = new Properties();
        p.load(r);
        return p;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /**
     * Expands every {@code ${name}} in the values.
     *
     * @param raw the properties as read
     * @param variables values the caller defines (they win over everything else)
     * @param system further lookups, typically {@code System::getProperty}
     * @return a new map with the same keys and expanded values
     * @throws IllegalArgumentException on an unknown name or a cycle
     */
    public static Map<String, String> expand(Map<String, String> raw, Map<String, String> variables,
            Function<String, String> system) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            out.put(e.getKey(), expandValue(e.getKey(), e.getValue(), raw, variables, system, 0));
        }
        return out;
    }

    private static String expandValue(String key, String value, Map<String, String> raw,
            Map<String, String> variables, Function<String, String> system, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("framework property " + key + ": placeholders nest too deep (a cycle?)");
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = variables.get(name);
            if (replacement == null && raw.containsKey(name) && !name.equals(key)) {
                replacement = expandValue(name, raw.get(name), raw, variables, system, depth + 1);
            }
            if (replacement == null) {
                replacement = system.apply(name);
            }
            if (replacement == null) {
                throw new IllegalArgumentException("framework property " + key + ": ${" + name + "} is not defined");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Applies overrides for keys that are already present: a JVM system property with the same
     * key as an entry wins ({@code java -Dfelix.fileinstall.poll=500 -jar warpdrive.jar}).
     */
    public static Map<String, String> withOverrides(Map<String, String> props, Function<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>(props);
        for (String key : props.keySet()) {
            String v = overrides.apply(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    /** Convenience for callers that cannot throw checked exceptions. */
    public static Map<String, String> loadUnchecked(Path file) {
        try {
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
