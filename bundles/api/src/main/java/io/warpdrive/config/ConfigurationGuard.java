package io.warpdrive.config;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The last good configuration of one component, checked key by key against the component's
 * configuration annotation (its Metatype {@code @ObjectClassDefinition}): type, {@code min},
 * {@code max} and options.
 *
 * <p>A component declares its activate and modified methods with the raw
 * {@code Map<String, Object>} of properties instead of the annotation, so that Declarative
 * Services never converts a value itself (a text where a number belongs would fail the
 * component), and passes the map to {@link #update}. A value that does not fit is refused
 * with one warning naming the configuration, its file, the key and the value; the key keeps
 * its last good value (its default at first). A key the annotation does not declare gets one
 * warning too, as long as it stays in the configuration. A whole configuration the component
 * cannot use for a reason of its own is turned down with {@link #refuse}.
 *
 * @param <C> the configuration annotation
 */
public final class ConfigurationGuard<C> {
    /** Properties every configuration or component may carry that no annotation declares. */
    private static final Set<String> FRAMEWORK_PREFIXES = Set.of("service.", "component.", "felix.", "osgi.",
            "objectClass");

    private final Class<C> type;
    private final String pid;
    private final Consumer<String> warn;
    private final Map<String, AttributeRule> rules;
    private final Set<String> alsoKnown;
    private Map<String, Object> good;
    private Map<String, Object> previous;
    private C current;
    private Set<String> unknownWarned = Set.of();
    private String file;

    /**
     * @param type the configuration annotation
     * @param pid the configuration PID (or factory PID), named in warnings
     * @param warn where the one-line warnings go (the component's logger)
     * @param alsoKnown keys that are not configuration but the component's own properties
     *        ({@code @Component(property = …)}), so no warning calls them unknown
     */
    public ConfigurationGuard(Class<C> type, String pid, Consumer<String> warn, String... alsoKnown) {
        this.type = type;
        this.pid = pid;
        this.warn = warn;
        this.rules = MetatypeRules.of(type);
        this.alsoKnown = Set.of(alsoKnown);
        Map<String, Object> defaults = new HashMap<>();
        for (AttributeRule r : rules.values()) {
            defaults.put(r.key, r.defaultValue());
        }
        this.good = defaults;
        this.previous = defaults;
        this.current = view(defaults);
    }

    /**
     * Checks {@code properties} (as Configuration Admin and Declarative Services deliver
     * them) and makes the result the last good configuration: a value that fits replaces the
     * key's value, an absent key goes back to its default, a value that does not fit leaves
     * the key as it was.
     *
     * @return the configuration as the annotation, with only values that fit
     */
    public synchronized C update(Map<String, ?> properties) {
        file = fileOf(properties.get("felix.fileinstall.filename"));
        Map<String, Object> next = new HashMap<>();
        for (AttributeRule r : rules.values()) {
            Object raw = properties.get(r.key);
            if (raw == null) {
                next.put(r.key, r.defaultValue());
                continue;
            }
            try {
                next.put(r.key, r.convert(raw));
            } catch (IllegalArgumentException e) {
                next.put(r.key, good.get(r.key));
                warn.accept(where() + ": " + r.key + "=" + text(raw) + " refused (" + e.getMessage() + "); keeping "
                        + r.key + "=" + text(good.get(r.key)));
            }
        }
        warnUnknown(properties.keySet());
        previous = good;
        good = next;
        current = view(next);
        return current;
    }

    /**
     * Turns the configuration of the last {@link #update} down as a whole, with one warning,
     * and goes back to the configuration before it (the defaults at first).
     *
     * @return the configuration the component keeps
     */
    public synchronized C refuse(String reason) {
        warn.accept(where() + " refused (" + reason + "); keeping the last good configuration");
        good = previous;
        current = view(good);
        return current;
    }

    /**
     * Turns down the value of one key of the last {@link #update} for a reason of the
     * component's own (a value of the right type it cannot use), with one warning; the key
     * goes back to its value before.
     *
     * @return the configuration the component keeps
     */
    public synchronized C refuse(String key, String reason) {
        Object value = good.get(key);
        Object before = previous.get(key);
        warn.accept(where() + ": " + key + "=" + text(value) + " refused (" + reason + "); keeping " + key + "="
                + text(before));
        Map<String, Object> kept = new HashMap<>(good);
        kept.put(key, before);
        good = kept;
        current = view(good);
        return current;
    }

    /** The last good configuration. */
    public synchronized C current() {
        return current;
    }

    private void warnUnknown(Set<String> keys) {
        Set<String> unknown = new TreeSet<>();
        for (String k : keys) {
            if (!rules.containsKey(k) && !alsoKnown.contains(k) && !k.endsWith(".target") && !framework(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty() && !unknown.equals(unknownWarned)) {
            warn.accept(where() + ": unknown key" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + " ignored (keys: " + String.join(", ", new TreeSet<>(rules.keySet())) + ")");
        }
        unknownWarned = Set.copyOf(unknown);
    }

    private static boolean framework(String key) {
        for (String p : FRAMEWORK_PREFIXES) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private String where() {
        return "configuration " + pid + (file == null ? "" : " (" + file + ")");
    }

    /** FileInstall records the file a configuration came from as a URL (older versions: a path). */
    private static String fileOf(Object filename) {
        if (filename == null) {
            return null;
        }
        String s = filename.toString();
        try {
            return s.startsWith("file:") ? Path.of(URI.create(s)).toString() : s;
        } catch (RuntimeException e) {
            return s;
        }
    }

    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            return "'" + String.join(",", items) + "'";
        }
        return "'" + value + "'";
    }

    private C view(Map<String, Object> values) {
        Map<String, Object> byElement = new HashMap<>();
        for (AttributeRule r : rules.values()) {
            byElement.put(r.element.getName(), values.get(r.key));
        }
        Map<String, Object> frozen = Collections.unmodifiableMap(byElement);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return frozen.hashCode();
                case "equals":
                    return p == args[0];
                default:
                    Object v = frozen.get(method.getName());
                    return v != null && v.getClass().isArray() ? copy(v) : v;
            }
        });
        return type.cast(proxy);
    }

    /** Arrays are handed out as copies, so a component cannot change the last good values. */
    private static Object copy(Object array) {
        if (array instanceof Object[]) {
            return Arrays.copyOf((Object[]) array, ((Object[]) array).length, ((Object[]) array).getClass());
        }
        int n = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, c, 0, n);
        return c;
    }
}
