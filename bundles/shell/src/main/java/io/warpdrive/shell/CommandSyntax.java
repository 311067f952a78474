package io.warpdrive.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command's usage line says about its words, read from the line itself (so completion
 * and help cannot disagree): its options, what each option takes, and its operands in order.
 * An option's value is the word after it inside the same brackets ({@code [-a gzip|zlib]},
 * {@code [-b SIZE]}); alternatives are separated by {@code |}; {@code 1-9} is a range; an upper
 * case word is a placeholder (DRIVER, NAME, COMMAND ...).
 */
final class CommandSyntax {
    private static final Pattern TOKEN = Pattern.compile("\\[|\\]|[^\\s\\[\\]]+");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> operands = new ArrayList<>();

    private CommandSyntax() {
    }

    /** Reads a usage line ({@code command [options] operands}). */
    static CommandSyntax of(String usageLine) {
        CommandSyntax syntax = new CommandSyntax();
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(usageLine);
        while (m.find()) {
            tokens.add(m.group());
        }
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("[") || t.equals("]") || t.equals("...")) {
                continue;
            }
            if (isOption(t)) {
                String value = null;
                if (i + 1 < tokens.size() && !isBracket(tokens.get(i + 1)) && !isOption(tokens.get(i + 1))) {
                    value = tokens.get(++i);
                }
                for (String alternative : t.split("\\|")) {
                    syntax.options.put(alternative, value);
                }
            } else {
                syntax.operands.add(t);
            }
        }
        return syntax;
    }

    private static boolean isOption(String t) {
        return t.length() > 1 && t.startsWith("-");
    }

    private static boolean isBracket(String t) {
        return t.equals("[") || t.equals("]");
    }

    /** Every option, as written in the usage line ({@code -a}, {@code --force}). */
    List<String> options() {
        return List.copyOf(options.keySet());
    }

    /** Whether {@code option} is one of this command's and takes a value. */
    boolean takesValue(String option) {
        return options.get(option) != null;
    }

    /** The value spec of an option ({@code gzip|zlib|deflate}, {@code SIZE}), or null. */
    String valueOf(String option) {
        return options.get(option);
    }

    /** The operands in order ({@code INPUT|-}, {@code DRIVER}, {@code use}, {@code NAME} ...). */
    List<String> operands() {
        return List.copyOf(operands);
    }

    /**
     * The words a spec stands for: literals as they are, ranges expanded; placeholders (upper
     * case) are not words and are left to the caller, who knows what they name.
     */
    static List<String> literals(String spec) {
        List<String> words = new ArrayList<>();
        for (String alternative : spec.split("\\|")) {
            Matcher range = RANGE.matcher(alternative);
            if (range.matches()) {
                for (int v = Integer.parseInt(range.group(1)); v <= Integer.parseInt(range.group(2)); v++) {
                    words.add(Integer.toString(v));
                }
            } else if (!isPlaceholder(alternative) && !alternative.equals("-")) {
                words.add(alternative);
            }
        }
        return words;
    }

    /** The placeholders of a spec ({@code NAME} of {@code NAME|auto}). */
    static List<String> placeholders(String spec) {
        List<String> names = new ArrayList<>();
        for (String alternative : spec.split("\\|")) {
            if (isPlaceholder(alternative)) {
                names.add(alternative);
            }
        }
        return names;
    }

    private static boolean isPlaceholder(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> Character.isUpperCase(c) || c == '_');
    }
}
