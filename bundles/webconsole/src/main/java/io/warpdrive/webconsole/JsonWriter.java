package io.warpdrive.webconsole;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A minimal streaming JSON writer (RFC 8259) into a {@link StringBuilder}: objects, arrays,
 * strings, numbers, booleans and null. Commas and escaping are its business; the caller only
 * says what comes next. Non-finite doubles are written as {@code null}, since JSON has no
 * NaN or infinity.
 *
 * <pre>
 * new JsonWriter().beginObject().name("queues").value(4).endObject().toString()  // {"queues":4}
 * </pre>
 */
final class JsonWriter {

    /** One open container: whether it is an object, and whether it has a member yet. */
    private static final class Scope {
        final boolean object;
        boolean hasMember;
        boolean expectingValue; // an object's name was written, its value is next

        Scope(boolean object) {
            this.object = object;
        }
    }

    private final StringBuilder out;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean done;

    JsonWriter() {
        this(new StringBuilder(256));
    }

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(new Scope(true));
        return this;
    }

    JsonWriter endObject() {
        end(true);
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(new Scope(false));
        return this;
    }

    JsonWriter endArray() {
        end(false);
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        Scope s = scopes.peek();
        if (s == null || !s.object || s.expectingValue) {
            throw new IllegalStateException("a name belongs inside an object, before its value");
        }
        if (s.hasMember) {
            out.append(',');
        }
        s.hasMember = true;
        s.expectingValue = true;
        string(name);
        out.append(':');
        return this;
    }

    JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        string(s);
        return this;
    }

    JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    JsonWriter value(double d) {
        if (!Double.isFinite(d)) {
            return nullValue();
        }
        beforeValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d); // 3.0 -> 3: shorter, and what a reader of the page expects
        } else {
            out.append(d);
        }
        return this;
    }

    JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** A member whose value is a string: {@code name(n).value(v)}. */
    JsonWriter member(String name, String v) {
        return name(name).value(v);
    }

    JsonWriter member(String name, long v) {
        return name(name).value(v);
    }

    JsonWriter member(String name, double v) {
        return name(name).value(v);
    }

    JsonWriter member(String name, boolean v) {
        return name(name).value(v);
    }

    /** An object of string members, in the map's iteration order. */
    JsonWriter stringMap(Map<String, String> map) {
        beginObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            member(e.getKey(), e.getValue());
        }
        return endObject();
    }

    /** The document; only once every container is closed. */
    @Override
    public String toString() {
        if (!scopes.isEmpty()) {
            throw new IllegalStateException(scopes.size() + " container(s) still open");
        }
        return out.toString();
    }

    private void beforeValue() {
        Scope s = scopes.peek();
        if (s == null) {
            if (done) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            done = true;
            return;
        }
        if (s.object) {
            if (!s.expectingValue) {
                throw new IllegalStateException("a value in an object needs a name first");
            }
            s.expectingValue = false;
        } else {
            if (s.hasMember) {
                out.append(',');
            }
            s.hasMember = true;
        }
    }

    private void end(boolean object) {
        Scope s = scopes.peek();
        if (s == null || s.object != object || s.expectingValue) {
            throw new IllegalStateException("nothing to close with " + (object ? "endObject" : "endArray"));
        }
        scopes.pop();
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; so are '<' and '>' (no "</script>" surprises)
                    // and the JavaScript line separators U+2028/2029.
                    if (c < 0x20 || c == '<' || c == '>' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
