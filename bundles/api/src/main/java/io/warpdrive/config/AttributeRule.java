package io.warpdrive.config;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What one configuration key accepts: the Java type of its element in the configuration
 * annotation, and the bounds and options its Metatype attribute definition declares.
 */
final class AttributeRule {
    final String key;
    final Method element;
    private final String min;
    private final String max;
    private final List<String> options;

    AttributeRule(String key, Method element, String min, String max, List<String> options) {
        this.key = key;
        this.element = element;
        this.min = min;
        this.max = max;
        this.options = List.copyOf(options);
    }

    /**
     * The element's default, as the annotation declares it; without one, what Declarative
     * Services gives for a missing property: null, or zero (false) for a primitive.
     */
    Object defaultValue() {
        Object declared = element.getDefaultValue();
        if (declared != null || !element.getReturnType().isPrimitive()) {
            return declared;
        }
        Class<?> t = element.getReturnType();
        return t == boolean.class ? (Object) false : t == double.class ? (Object) 0.0 : t == float.class ? (Object) 0f
                : t == long.class ? (Object) 0L : t == int.class ? (Object) 0 : t == short.class ? (Object) (short) 0
                : t == byte.class ? (Object) (byte) 0 : (Object) '\0';
    }

    /**
     * {@code raw} converted to the element's type.
     *
     * @throws IllegalArgumentException saying, in a few words, why the value is refused
     */
    Object convert(Object raw) {
        Class<?> type = element.getReturnType();
        if (type.isArray()) {
            List<Object> items = items(raw);
            Object array = Array.newInstance(type.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, scalar(type.getComponentType(), items.get(i)));
            }
            return array;
        }
        List<Object> items = items(raw);
        if (items.size() != 1) {
            throw new IllegalArgumentException("one value expected, not " + items.size());
        }
        return scalar(type, items.get(0));
    }

    private Object scalar(Class<?> type, Object raw) {
        if (type == String.class) {
            String s = String.valueOf(raw);
            checkOption(s);
            return s;
        }
        if (type.isEnum()) {
            return enumConstant(type, String.valueOf(raw).trim());
        }
        if (type == boolean.class || type == Boolean.class) {
            if (raw instanceof Boolean) {
                return raw;
            }
            String s = String.valueOf(raw).trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("not true or false");
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            long v = wholeNumber(raw);
            long lo = type == long.class ? Long.MIN_VALUE : type == int.class ? Integer.MIN_VALUE
                    : type == short.class ? Short.MIN_VALUE : Byte.MIN_VALUE;
            long hi = type == long.class ? Long.MAX_VALUE : type == int.class ? Integer.MAX_VALUE
                    : type == short.class ? Short.MAX_VALUE : Byte.MAX_VALUE;
            if (v < lo || v > hi) {
                throw new IllegalArgumentException("out of range (" + lo + " to " + hi + ")");
            }
            checkRange(v, min == null ? null : Long.parseLong(min), max == null ? null : Long.parseLong(max));
            return type == long.class ? (Object) v : type == int.class ? (Object) (int) v
                    : type == short.class ? (Object) (short) v : (Object) (byte) v;
        }
        if (type == double.class || type == float.class) {
            double v = decimal(raw);
            checkRange(v, min == null ? null : Double.parseDouble(min), max == null ? null : Double.parseDouble(max));
            return type == double.class ? (Object) v : (Object) (float) v;
        }
        throw new IllegalArgumentException("values of type " + type.getSimpleName() + " are not supported");
    }

    private static long wholeNumber(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        try {
            return Long.parseLong(String.valueOf(raw).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static double decimal(Object raw) {
        double v;
        if (raw instanceof Number) {
            v = ((Number) raw).doubleValue();
        } else {
            try {
                v = Double.parseDouble(String.valueOf(raw).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return v;
    }

    private <N extends Comparable<N>> void checkRange(N v, N lo, N hi) {
        if (lo != null && v.compareTo(lo) < 0 || hi != null && v.compareTo(hi) > 0) {
            throw new IllegalArgumentException(lo != null && hi != null ? "not between " + lo + " and " + hi
                    : lo != null ? "less than " + lo : "more than " + hi);
        }
    }

    private void checkOption(String s) {
        if (options.isEmpty()) {
            return;
        }
        for (String o : options) {
            if (o.equalsIgnoreCase(s.trim())) {
                return;
            }
        }
        throw new IllegalArgumentException("not one of " + String.join(", ", options));
    }

    private Object enumConstant(Class<?> type, String s) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            names.add(((Enum<?>) c).name());
        }
        throw new IllegalArgumentException("not one of " + String.join(", ", names));
    }

    /** A value as a list: arrays and collections give their elements, anything else itself. */
    private static List<Object> items(Object raw) {
        List<Object> items = new ArrayList<>();
        if (raw instanceof Collection) {
            items.addAll((Collection<?>) raw);
        } else if (raw != null && raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                items.add(Array.get(raw, i));
            }
        } else {
            items.add(raw);
        }
        return items;
    }
}
