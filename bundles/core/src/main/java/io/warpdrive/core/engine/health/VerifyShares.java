package io.warpdrive.core.engine.health;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The share of each hardware driver's compressions that is verified: {@code verify.percent} for
 * every hardware driver, and entries {@code DRIVER=PERCENT} of {@code verify.drivers} for one.
 */
public final class VerifyShares {
    /** The default share of {@code verify.percent}. */
    public static final double DEFAULT_PERCENT = 1.0;

    private final double percent;
    private final Map<String, Double> perDriver;

    private VerifyShares(double percent, Map<String, Double> perDriver) {
        this.percent = percent;
        this.perDriver = Map.copyOf(perDriver);
    }

    /** Every hardware driver's compressions verified at {@link #DEFAULT_PERCENT}. */
    public static VerifyShares defaults() {
        return new VerifyShares(DEFAULT_PERCENT, Map.of());
    }

    /** One share for every hardware driver (tests, benchmarks). */
    public static VerifyShares all(double percent) {
        return new VerifyShares(checked("verify.percent", percent), Map.of());
    }

    /**
     * @param entries {@code DRIVER=PERCENT}; a .cfg file gives the list as one comma-separated string
     * @throws IllegalArgumentException naming the value that does not fit
     */
    public static VerifyShares of(double percent, String... entries) {
        Map<String, Double> perDriver = new HashMap<>();
        for (String list : entries) {
            for (String raw : list == null ? new String[0] : list.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw new IllegalArgumentException("verify.drivers entry '" + entry + "' is not DRIVER=PERCENT");
                }
                double p;
                try {
                    p = Double.parseDouble(entry.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("verify.drivers entry '" + entry + "': '"
                            + entry.substring(eq + 1).trim() + "' is not a number");
                }
                perDriver.put(entry.substring(0, eq).trim(),
                        checked("verify.drivers entry '" + entry + "'", p));
            }
        }
        return new VerifyShares(checked("verify.percent", percent), perDriver);
    }

    private static double checked(String what, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException(what + " must be between 0 and 100: "
                    + String.format(Locale.ROOT, "%s", p));
        }
        return p;
    }

    /** Percent of the hardware driver's compressions verified. */
    public double percentFor(String driver) {
        Double p = perDriver.get(driver);
        return p == null ? percent : p;
    }
}
