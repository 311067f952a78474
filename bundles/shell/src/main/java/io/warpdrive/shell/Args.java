package io.warpdrive.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments: options with a value ({@code -a gzip}, {@code --alg=gzip}),
 * flags ({@code --force}) and positional operands; {@code -} is an operand (stdin/stdout)
 * and {@code --} ends the options.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> operands = new ArrayList<>();

    /**
     * @param valueOptions option names taking a value, each as "short,long" (e.g. "a,alg")
     * @param flagOptions flag names, each as "short,long" (short may be empty)
     */
    static Args parse(List<String> argv, List<String> valueOptions, List<String> flagOptions) {
        Args a = new Args();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                a.operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String value = canonical(name, valueOptions);
            if (value != null) {
                if (inline == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("option " + arg + " needs a value");
                    }
                    inline = argv.get(++i);
                }
                a.values.put(value, inline);
                continue;
            }
            String flag = canonical(name, flagOptions);
            if (flag == null || inline != null) {
                throw new UsageException("unknown option " + arg);
            }
            a.flags.add(flag);
        }
        return a;
    }

    /** The long name for a short or long spelling, or null. */
    private static String canonical(String name, List<String> options) {
        for (String spec : options) {
            String[] parts = spec.split(",", 2);
            if (name.equals(parts[0]) && !parts[0].isEmpty() || name.equals(parts[1])) {
                return parts[1];
            }
        }
        return null;
    }

    String value(String longName, String fallback) {
        return values.getOrDefault(longName, fallback);
    }

    boolean has(String longName) {
        return values.containsKey(longName);
    }

    boolean flag(String longName) {
        return flags.contains(longName);
    }

    List<String> operands() {
        return operands;
    }

    int intValue(String longName, int fallback) {
        String v = values.get(longName);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + longName + " needs a number, not '" + v + "'");
        }
    }

    /** A byte size with an optional k/m suffix (binary units). */
    int sizeValue(String longName, int fallback) {
        String v = values.get(longName);
        if (v == null) {
            return fallback;
        }
        String s = v.trim().toLowerCase();
        int shift = 0;
        if (s.endsWith("k")) {
            shift = 10;
        } else if (s.endsWith("m")) {
            shift = 20;
        }
        try {
            long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)) << shift;
            if (n < 1 || n > (256 << 20)) {
                throw new UsageException("--" + longName + " must be between 1 and 256m, not " + v);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + longName + " needs a size such as 65536, 64k or 1m, not '" + v + "'");
        }
    }
}
