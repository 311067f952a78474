package io.warpdrive.testing.conformance;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of a component's configuration annotation (a Metatype
 * {@code @ObjectClassDefinition} type) for starting the component outside a framework:
 * every element returns the value given for its property name, else its default, as
 * Declarative Services would. Property names follow the DS rules for the common cases:
 * {@code rescan_interval_ms} is {@code rescan.interval.ms}, {@code __} is a single {@code _}.
 */
public final class ComponentConfigs {
    private ComponentConfigs() {
    }

    /** A configuration of type {@code type} with {@code values} by property name (strings are converted). */
    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return p == args[0];
                default:
                    break;
            }
            Object value = values.get(propertyName(method));
            return value == null ? method.getDefaultValue() : convert(value, method);
        });
        return type.cast(proxy);
    }

    private static String propertyName(Method m) {
        return m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object convert(Object value, Method m) {
        Class<?> t = m.getReturnType();
        if (t.isInstance(value) || (t.isPrimitive() && !(value instanceof String))) {
            return value;
        }
        String s = value.toString().trim();
        if (t == int.class) {
            return Integer.parseInt(s);
        }
        if (t == long.class) {
            return Long.parseLong(s);
        }
        if (t == boolean.class) {
            return Boolean.parseBoolean(s);
        }
        if (t == String.class) {
            return s;
        }
        if (t == String[].class) {
            return s.isEmpty() ? new String[0] : s.split("\\s*,\\s*");
        }
        throw new IllegalArgumentException("cannot convert '" + value + "' for " + m.getName() + " of type " + t);
    }
}
