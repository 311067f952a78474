package io.warpdrive.testing.conformance;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/**
 * OSGi {@link Logger}s for starting a driver outside a framework: every entry is recorded
 * (so a test can assert that an expected condition was not logged loudly), and warnings
 * and errors are also printed to stderr to explain a failing test.
 */
public final class TestLoggers {
    private static final Set<String> LEVELS = Set.of("audit", "error", "warn", "info", "debug", "trace");

    /** One recorded entry: level (lower case, e.g. "warn") and the formatted message. */
    public static final class Entry {
        public final String level;
        public final String message;

        Entry(String level, String message) {
            this.level = level;
            this.message = message;
        }

        @Override
        public String toString() {
            return level.toUpperCase() + " " + message;
        }
    }

    /** A logger that records what it is given. */
    public static final class Recording implements InvocationHandler {
        private final String name;
        private final List<Entry> entries = new CopyOnWriteArrayList<>();
        private final Logger logger;

        Recording(String name) {
            this.name = name;
            this.logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                    this);
        }

        public Logger logger() {
            return logger;
        }

        public List<Entry> entries() {
            return List.copyOf(entries);
        }

        /** The messages logged at {@code level} ("warn", "error", ...). */
        public List<String> messages(String level) {
            List<String> out = new ArrayList<>();
            for (Entry e : entries) {
                if (e.level.equals(level)) {
                    out.add(e.message);
                }
            }
            return out;
        }

        /** Warnings and errors: what an administrator would notice. */
        public List<Entry> loud() {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) {
                if (e.level.equals("warn") || e.level.equals("error") || e.level.equals("audit")) {
                    out.add(e);
                }
            }
            return out;
        }

        public void clear() {
            entries.clear();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            String m = method.getName();
            if (m.equals("getName")) {
                return name;
            }
            if (m.startsWith("is") && m.endsWith("Enabled")) {
                return Boolean.TRUE;
            }
            if (m.equals("toString")) {
                return "test logger " + name;
            }
            if (m.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (m.equals("equals")) {
                return proxy == args[0];
            }
            if (LEVELS.contains(m) && args != null && args.length > 0 && args[0] instanceof String) {
                String message = format((String) args[0], args);
                entries.add(new Entry(m, message));
                if (m.equals("warn") || m.equals("error")) {
                    System.err.println(m.toUpperCase() + " [" + name + "] " + message);
                }
            }
            return null;
        }

        /** SLF4J-style {} placeholders, as the OSGi Log Service formats them; a trailing Throwable is appended. */
        private static String format(String pattern, Object[] args) {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i] instanceof Object[]) {
                    values.addAll(List.of((Object[]) args[i]));
                } else {
                    values.add(args[i]);
                }
            }
            StringBuilder b = new StringBuilder();
            int at = 0;
            int next = 0;
            for (int i = pattern.indexOf("{}"); i >= 0 && next < values.size(); i = pattern.indexOf("{}", at)) {
                b.append(pattern, at, i).append(values.get(next++));
                at = i + 2;
            }
            b.append(pattern.substring(at));
            if (next < values.size() && values.get(values.size() - 1) instanceof Throwable) {
                b.append(" (").append(values.get(values.size() - 1)).append(')');
            }
            return b.toString();
        }
    }

    private TestLoggers() {
    }

    /** A recording logger named {@code name}. */
    public static Recording recording(String name) {
        return new Recording(name);
    }
}
