package io.warpdrive.health;

import java.util.Locale;

/** How the checks write a share (0..1) in their messages: "37%". */
final class Percent {
    private Percent() {
    }

    static String of(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
