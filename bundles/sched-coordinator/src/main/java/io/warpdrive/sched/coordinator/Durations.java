package io.warpdrive.sched.coordinator;

import java.time.Duration;
import java.util.Locale;

/** Durations as the shell reads and writes them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1h30m}. */
final class Durations {
    private Durations() {
    }

    /**
     * Parses a duration; {@code forever} (or {@code -}) is null: until untuned.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    static Duration parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("forever") || t.equals("-")) {
            return null;
        }
        Duration total = Duration.ZERO;
        int i = 0;
        boolean any = false;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            if (start == unitStart || unitStart == i) {
                throw bad(s);
            }
            long n;
            try {
                n = Long.parseLong(t.substring(start, unitStart));
            } catch (NumberFormatException e) {
                throw bad(s);
            }
            switch (t.substring(unitStart, i)) {
                case "ms":
                    total = total.plusMillis(n);
                    break;
                case "s":
                    total = total.plusSeconds(n);
                    break;
                case "m":
                    total = total.plusMinutes(n);
                    break;
                case "h":
                    total = total.plusHours(n);
                    break;
                case "d":
                    total = total.plusDays(n);
                    break;
                default:
                    throw bad(s);
            }
            any = true;
        }
        if (!any) {
            throw bad(s);
        }
        return total;
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("'" + s + "' is not a duration (e.g. 500ms, 30s, 5m, 2h, 1h30m, forever)");
    }

    /** A duration in the largest whole units, e.g. {@code 4m59s}, {@code 750ms}; {@code forever} for null. */
    static String format(Duration d) {
        if (d == null) {
            return "forever";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder b = new StringBuilder();
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0 || b.length() == 0) {
            b.append(seconds).append('s');
        }
        return b.toString();
    }
}
